using System.Data.Common;
using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>What differs between the databases for the desk's stores: table names, connections, how instants and booleans are stored, the outbox insert.</summary>
internal abstract class DeskSql
{
    /// <summary>Replaces <c>{t}</c> in SQL by the table prefix (<c>crm_</c> on SQLite, <c>schema.</c> on PostgreSQL).</summary>
    public abstract string Sql(string text);

    /// <summary>Where the stores lease connections (and join a desk command's transaction). Write transactions begun through it are
    /// <c>BEGIN IMMEDIATE</c> on SQLite, so the first read already holds the write lock.</summary>
    public abstract DbSource Source { get; }

    /// <summary>A connection for one operation (see <see cref="DbSource.LeaseAsync"/>).</summary>
    public ValueTask<DbLease> LeaseAsync(CancellationToken cancellationToken) => Source.LeaseAsync(cancellationToken);

    public abstract object Time(Instant instant);

    public abstract Instant ReadTime(DbDataReader reader, int ordinal);

    public abstract object Bool(bool value);

    /// <summary>The SQL literal for true, as a partial index's predicate spells it (<c>1</c> on SQLite, <c>TRUE</c> on PostgreSQL).</summary>
    public abstract string True { get; }

    /// <summary>The SQL for a parameter that holds JSON text going into a JSON column (PostgreSQL needs a cast).</summary>
    public abstract string Json(string parameter);

    /// <summary>Reserves numbers of a sequence: (first, last), at most <paramref name="count"/>, none above <paramref name="max"/>.</summary>
    public abstract (long First, long Last) Reserve(string name, string period, int count, long max);

    /// <summary>
    /// <see cref="Reserve"/> for callers on an asynchronous path (the desk's <see cref="Desk.ISequenceRepository"/>); a provider
    /// whose driver has asynchronous I/O overrides it, so that many concurrent callers do not each block a pool thread.
    /// </summary>
    public virtual ValueTask<(long First, long Last)> ReserveAsync(string name, string period, int count, long max, CancellationToken cancellationToken)
        => ValueTask.FromResult(Reserve(name, period, count, max));

    /// <summary>The statement that serialises the appends to one audit chain (parameter <c>@chain</c>) inside a write transaction until it
    /// ends, or null when the transaction already serialises every writer (SQLite's <c>BEGIN IMMEDIATE</c>).</summary>
    public virtual string? AuditChainLock => null;

    /// <summary>The statement that draws the next audit sequence, or null to take the largest stored one plus one (safe only when
    /// writers are serialised).</summary>
    public virtual string? AuditNextSequence => null;

    /// <summary>Reads one row of <paramref name="table"/> by id inside the caller's transaction, for the audited stores' "before" state.</summary>
    public async Task<T?> ReadRowForAuditAsync<T>(
        DbConnection connection, DbTransaction transaction, string table, string columns, string id, Func<DbDataReader, T> row, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql($"SELECT {columns} FROM {{t}}{table} WHERE id = @id");
        Add(command, "@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? row(reader) : null;
    }

    /// <summary>The statement that makes publishers of one name (parameter <c>@key</c>) take turns inside a write transaction until it
    /// ends, or null when the transaction already serialises every writer (SQLite's <c>BEGIN IMMEDIATE</c>).</summary>
    public virtual string? PublicationLock => null;

    /// <summary>True when <paramref name="error"/>, thrown by a statement on a connection the caller already holds, says the statement
    /// gave up waiting for another transaction's lock (SQLite's busy timeout, or a locked table; PostgreSQL's lock or statement timeout, or
    /// the command timeout). Ask only about statements: a driver may report a connection it could not get in time in the same way.</summary>
    public abstract bool IsLockTimeout(DbException error);

    /// <summary>True when beginning a write transaction waits for other writers (SQLite's <c>BEGIN IMMEDIATE</c> takes the database's
    /// write lock), so a lease that begins the host's transaction can end in <see cref="IsLockTimeout"/>; false when beginning waits for
    /// nothing (PostgreSQL), where an error getting a lease is never a lock wait.</summary>
    public virtual bool BeginWaitsForLocks => false;

    /// <summary>How long a statement waits for another transaction's lock before <see cref="IsLockTimeout"/> errors, in words for
    /// messages in <paramref name="culture"/> (null: the current UI culture; English or zh-Hans): the setting that bounds it, and its
    /// value.</summary>
    public abstract string LockWait(System.Globalization.CultureInfo? culture);

    /// <summary>What locks the rows a <c>SELECT</c> reads until the transaction ends (<c> FOR UPDATE</c> on PostgreSQL; nothing on SQLite,
    /// whose write transaction already holds the database).</summary>
    public virtual string ForUpdate => string.Empty;

    public object? TimeOrNull(Instant? instant) => instant is { } i ? Time(i) : null;

    public Instant? ReadTimeOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    /// <summary>
    /// Inserts (expected version 0) or updates (only at the expected version) one versioned row of <paramref name="table"/> in the
    /// lease's transaction. The first of <paramref name="columns"/> is <c>id</c>; <paramref name="bind"/> sets every column's parameter.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The row exists already (insert) or has another version (update); names
    /// <paramref name="entity"/> and the stored version.</exception>
    /// <summary>Saves one versioned row on its own (or in the open session): checks the versions, writes the row, commits.</summary>
    /// <exception cref="ArgumentException">The new version is not above the expected one.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    public async Task SaveVersionedAsync(
        string table, string columns, string values, string id, long version, long expectedVersion, Action<DbCommand> bind, string entity, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (version <= expectedVersion)
        {
            throw new ArgumentException($"The new version {version} of {entity} must be above the expected version {expectedVersion}.", "state");
        }

        await using var lease = await LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        await WriteVersionedAsync(lease, table, columns, values, id, expectedVersion, bind, entity, cancellationToken).ConfigureAwait(false);
        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteVersionedAsync(
        DbLease lease, string table, string columns, string values, string id, long expectedVersion, Action<DbCommand> bind, string entity, CancellationToken cancellationToken)
    {
        var command = lease.Command(expectedVersion == 0
            ? Sql($"INSERT INTO {{t}}{table} ({columns}) VALUES ({values}) ON CONFLICT (id) DO NOTHING")
            : Sql($"UPDATE {{t}}{table} SET {string.Join(", ", columns.Split(", ").Skip(1).Select(c => c + " = @" + c))} WHERE id = @id AND version = @expected"));
        bind(command);
        if (expectedVersion != 0)
        {
            Add(command, "@expected", expectedVersion);
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            lease.Wrote();
            return;
        }

        var read = lease.Command(Sql($"SELECT version FROM {{t}}{table} WHERE id = @id"));
        Add(read, "@id", id);
        var stored = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
        // No statement failed and this write changed nothing: a caller may catch the conflict and go on in the same transaction.
        lease.FailsWithoutWrite();
        throw new ConcurrencyConflictException(entity, expectedVersion, stored);
    }

    /// <summary>Adds a parameter to a new command without looking for one of the same name first (a long <c>IN</c> list binds in linear time).</summary>
    public static void AddNew(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Sets a parameter, adding it the first time: reused commands keep their parameter objects (Npgsql binds those it parsed first).</summary>
    public static void Add(DbCommand command, string name, object? value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
            return;
        }

        AddNew(command, name, value);
    }

    public static string? StringOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
