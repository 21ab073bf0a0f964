using System.Data.Common;
using System.Globalization;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// Published rule sets and calendars in a database (table <c>publication</c>), driven by the provider's <see cref="DeskSql"/>. Inside a
/// desk command's or a host's store transaction every read and publish runs on that transaction's connection: a publish or roll-back
/// commits or rolls back with the transaction (a nested unit's with its savepoint), and the reads see it before the commit; a publish that
/// fails in a host's transaction is undone to the store's own savepoint and leaves the transaction usable (<see cref="DbLease.BeginAsync"/>);
/// in one begun all or nothing it leaves the transaction able only to roll back (its commit throws), except a roll-back to a version that
/// was never published, which fails having written nothing (a caller may catch it and commit the rest). Outside a
/// transaction each publish is a transaction of its own. Concurrent publishers of one name take turns (SQLite: the write lock of
/// <c>BEGIN IMMEDIATE</c>; PostgreSQL: the name's advisory lock, <see cref="DeskSql.PublicationLock"/>) until the transaction that
/// published ends; a publisher that waits past the provider's limit gets a <see cref="TimeoutException"/> naming the publication.
/// Thread-safe.
/// </summary>
internal sealed class DbPublicationStore(DeskSql sql) : IPublicationStore
{
    private const string Columns = "kind, name, version, content_hash, published_by, published_at, rolled_back_from, content";

    private readonly string _list = sql.Sql($"SELECT {Columns} FROM {{t}}publication WHERE kind = @k AND name = @n ORDER BY version");

    private readonly string _current = sql.Sql($"SELECT {Columns} FROM {{t}}publication WHERE kind = @k AND name = @n ORDER BY version DESC LIMIT 1");

    private readonly string _version = sql.Sql($"SELECT {Columns} FROM {{t}}publication WHERE kind = @k AND name = @n AND version = @v");

    private readonly string _insert = sql.Sql($"INSERT INTO {{t}}publication ({Columns}) VALUES (@k, @n, @v, @h, @by, @at, @rb, @c)");

    // The advisory lock's key names the schema, the kind and the name (the key PostgreSqlPublicationStore used before this type, so hosts
    // of both versions take turns during an upgrade).
    private readonly string _lockKeyPrefix = sql.Sql("crmcore.publication.{t}");

    /// <inheritdoc />
    public Task<PublishedVersion> PublishAsync(PublicationKind kind, string name, string content, string publishedBy, Instant at, CancellationToken cancellationToken = default)
    {
        PublicationRules.Check(name, publishedBy);
        ArgumentNullException.ThrowIfNull(content);
        return InsertAsync(kind, name, content, publishedBy, at, rolledBackFrom: null, skipSame: true, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PublishedDocument?> GetCurrentAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(lease, kind, name, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PublishedDocument?> GetAsync(PublicationKind kind, string name, int version, CancellationToken cancellationToken = default)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(lease, kind, name, version, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PublishedVersion>> ListAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_list);
        DeskSql.Add(command, "@k", (int)kind);
        DeskSql.Add(command, "@n", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<PublishedVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadVersion(reader));
        }

        return list;
    }

    /// <inheritdoc />
    public Task<PublishedVersion> RollBackAsync(PublicationKind kind, string name, int version, string publishedBy, Instant at, CancellationToken cancellationToken = default)
    {
        PublicationRules.Check(name, publishedBy);
        return InsertAsync(kind, name, null, publishedBy, at, version, skipSame: false, cancellationToken);
    }

    // Publishes content (or, for a roll-back, the content of version rolledBackFrom, read in the same transaction) as the next version.
    // Inside a store transaction this joins it (under a savepoint of its own); otherwise it is a write transaction of its own. Either way
    // the name is held from the first statement to the end of the transaction (SQLite's write lock, PostgreSQL's advisory lock), so the
    // version number read is still the latest at the insert.
    private async Task<PublishedVersion> InsertAsync(
        PublicationKind kind, string name, string? content, string publishedBy, Instant at, int? rolledBackFrom, bool skipSame, CancellationToken cancellationToken)
    {
        // The connection first, outside the timeout's catch: not getting one in time (a pool exhausted, a connect timeout) is no lock wait;
        // unless beginning the host's transaction on it is a lock wait of its own (SQLite's BEGIN IMMEDIATE, the publish being the first
        // statement of a host's transaction).
        DbLease lease;
        try
        {
            lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException error) when (sql.BeginWaitsForLocks && sql.IsLockTimeout(error))
        {
            throw TimedOut(kind, name, error);
        }

        await using (lease.ConfigureAwait(false))
        {
            try
            {
                return await InsertCoreAsync(lease, kind, name, content, publishedBy, at, rolledBackFrom, skipSame, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException error) when (sql.IsLockTimeout(error))
            {
                throw TimedOut(kind, name, error);
            }
        }
    }

    private TimeoutException TimedOut(PublicationKind kind, string name, DbException error) =>
        new(StorageStrings.Format("PublishTimedOut", null, Describe(kind, null), name, sql.LockWait(null)), error);

    private async Task<PublishedVersion> InsertCoreAsync(
        DbLease lease, PublicationKind kind, string name, string? content, string publishedBy, Instant at, int? rolledBackFrom, bool skipSame, CancellationToken cancellationToken)
    {
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (sql.PublicationLock is { } lockSql)
        {
            var lockCommand = lease.Command(lockSql);
            DeskSql.Add(lockCommand, "@key", _lockKeyPrefix + ((int)kind).ToString(CultureInfo.InvariantCulture) + "." + name);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (content is null)
        {
            var version = rolledBackFrom!.Value;
            if (await ReadAsync(lease, kind, name, version, cancellationToken).ConfigureAwait(false) is not { } rolledBack)
            {
                // Nothing written and no statement failed: the lock statement writes no row (PostgreSQL's pg_advisory_xact_lock; SQLite
                // runs none, its transaction holding the write lock already). In a transaction begun all or nothing a caller may catch this
                // and go on; the name stays locked until that transaction ends.
                lease.FailsWithoutWrite();
                throw new PublicationNotFoundException(kind, name, version);
            }

            content = rolledBack.Content;
        }

        var hash = ContentHash.Of(content);
        var current = await ReadAsync(lease, kind, name, null, cancellationToken).ConfigureAwait(false);
        if (skipSame && current is not null && current.Version.ContentHash == hash)
        {
            await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
            return current.Version;
        }

        // The instant as stored (whole microseconds on both providers), so the version returned equals the one read back.
        var published = new PublishedVersion(kind, name, (current?.Version.Version ?? 0) + 1, hash, publishedBy, StoredPrecision.Truncate(at), rolledBackFrom);
        var command = lease.Command(_insert);
        DeskSql.Add(command, "@k", (int)kind);
        DeskSql.Add(command, "@n", name);
        DeskSql.Add(command, "@v", published.Version);
        DeskSql.Add(command, "@h", hash);
        DeskSql.Add(command, "@by", publishedBy);
        DeskSql.Add(command, "@at", sql.Time(at));
        DeskSql.Add(command, "@rb", rolledBackFrom);
        DeskSql.Add(command, "@c", content);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
        return published;
    }

    private async Task<PublishedDocument?> ReadAsync(DbLease lease, PublicationKind kind, string name, int? version, CancellationToken cancellationToken)
    {
        var command = lease.Command(version is null ? _current : _version);
        DeskSql.Add(command, "@k", (int)kind);
        DeskSql.Add(command, "@n", name);
        if (version is not null)
        {
            DeskSql.Add(command, "@v", version.Value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new PublishedDocument(ReadVersion(reader), reader.GetString(7)) : null;
    }

    private PublishedVersion ReadVersion(DbDataReader reader) => new(
        (PublicationKind)DeskSql.Int(reader, 0),
        reader.GetString(1),
        DeskSql.Int(reader, 2),
        reader.GetString(3),
        reader.GetString(4),
        sql.ReadTime(reader, 5),
        reader.IsDBNull(6) ? null : DeskSql.Int(reader, 6));

    private static string Describe(PublicationKind kind, CultureInfo? culture) => kind switch
    {
        PublicationKind.RuleSet => StorageStrings.Get("Kind_RuleSet", culture),
        PublicationKind.Calendar => StorageStrings.Get("Kind_Calendar", culture),
        _ => kind.ToString(),
    };
}
