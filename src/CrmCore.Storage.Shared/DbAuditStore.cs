using System.Data.Common;
using CrmCore.Audit;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// The audit trail on a database (table <c>audit_log</c>, schemas 3 and 7), shared by both providers. The trail is
/// <see cref="AuditChain.ChainCount"/> chains (<see cref="AuditChain.ChainOf"/>); an append runs in one write transaction that takes the
/// lock of each chain it writes, in chain order (SQLite: <c>BEGIN IMMEDIATE</c> already holds the database's; PostgreSQL: an advisory lock
/// per chain), reads each chain's newest record and links the new ones to it, so concurrent writers never fork a chain and writers of
/// different chains never wait for each other. Instants are stored as Unix ticks, exactly as hashed.
/// </summary>
internal sealed class DbAuditStore(DeskSql sql) : IAuditStore
{
    private const string Columns = "sequence, at, actor, action, entity_type, entity_id, field, old_value, new_value, reason, correlation_id, previous_hash, hash, chain";

    public async Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        var records = await AppendAsync(sql, lease, entries, cancellationToken).ConfigureAwait(false);
        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
        return records;
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var command = connection.CreateCommand();
        command.Transaction = lease.Transaction;
        var where = new List<string> { "sequence > @after" };
        DeskSql.Add(command, "@after", query.AfterSequence);
        void Filter(string column, string name, object? value)
        {
            if (value is not null)
            {
                where.Add($"{column} {(name.EndsWith("from", StringComparison.Ordinal) ? ">=" : name.EndsWith("to", StringComparison.Ordinal) ? "<" : "=")} {name}");
                DeskSql.Add(command, name, value);
            }
        }

        Filter("entity_type", "@type", query.EntityType);
        Filter("entity_id", "@id", query.EntityId);
        Filter("actor", "@actor", query.Actor);
        Filter("action", "@action", query.Action is { } a ? (int)a : null);
        Filter("at", "@from", query.From?.ToUnixTimeTicks());
        Filter("at", "@to", query.To?.ToUnixTimeTicks());
        DeskSql.Add(command, "@limit", query.Limit);
        command.CommandText = sql.Sql($"SELECT {Columns} FROM {{t}}audit_log WHERE {string.Join(" AND ", where)} ORDER BY sequence LIMIT @limit;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>Appends entries inside the caller's write transaction (so a change and its audit records commit together), with the
    /// lease's prepared commands (each statement is prepared once per connection, not once per change).</summary>
    internal static async Task<IReadOnlyList<AuditRecord>> AppendAsync(
        DeskSql sql, DbLease lease, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
        }

        var heads = new Dictionary<int, AuditRecord?>();
        foreach (var chain in entries.Select(AuditChain.ChainOf).Distinct().Order())
        {
            if (sql.AuditChainLock is { } lockStatement)
            {
                var lockCommand = lease.Command(sql.Sql(lockStatement));
                DeskSql.Add(lockCommand, "@chain", chain);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            heads[chain] = await LastAsync("WHERE chain = @chain", chain, cancellationToken).ConfigureAwait(false);
        }

        var sequence = sql.AuditNextSequence is null
            ? (await LastAsync(string.Empty, null, cancellationToken).ConfigureAwait(false))?.Sequence ?? 0
            : 0;
        var records = new List<AuditRecord>(entries.Count);
        var insert = lease.Command(sql.Sql(
            $"INSERT INTO {{t}}audit_log ({Columns}) VALUES (@s, @at, @actor, @action, @type, @id, @field, @old, @new, @reason, @corr, @prev, @hash, @chain);"));
        foreach (var entry in entries)
        {
            sequence = sql.AuditNextSequence is { } next ? await NextSequenceAsync(next, cancellationToken).ConfigureAwait(false) : sequence + 1;
            var record = AuditChain.Seal(heads[AuditChain.ChainOf(entry)], sequence, entry);
            heads[record.Chain] = record;
            DeskSql.Add(insert, "@s", record.Sequence);
            DeskSql.Add(insert, "@at", entry.At.ToUnixTimeTicks());
            DeskSql.Add(insert, "@actor", entry.Actor);
            DeskSql.Add(insert, "@action", (int)entry.Action);
            DeskSql.Add(insert, "@type", entry.EntityType);
            DeskSql.Add(insert, "@id", entry.EntityId);
            DeskSql.Add(insert, "@field", entry.Field);
            DeskSql.Add(insert, "@old", entry.OldValue);
            DeskSql.Add(insert, "@new", entry.NewValue);
            DeskSql.Add(insert, "@reason", entry.Reason);
            DeskSql.Add(insert, "@corr", entry.CorrelationId);
            DeskSql.Add(insert, "@prev", record.PreviousHash);
            DeskSql.Add(insert, "@hash", record.Hash);
            DeskSql.Add(insert, "@chain", record.Chain);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            records.Add(record);
        }

        return records;

        async Task<long> NextSequenceAsync(string statement, CancellationToken ct) =>
            Convert.ToInt64(await lease.Command(sql.Sql(statement)).ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);

        async Task<AuditRecord?> LastAsync(string where, int? chain, CancellationToken ct)
        {
            var last = lease.Command(sql.Sql($"SELECT {Columns} FROM {{t}}audit_log {where} ORDER BY sequence DESC LIMIT 1;"));
            if (chain is { } value)
            {
                DeskSql.Add(last, "@chain", value);
            }

            await using var reader = await last.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
        }
    }

    /// <summary>
    /// A versioned row write (<see cref="DeskSql.WriteVersionedAsync"/>) in the lease's transaction, audited when the store audits
    /// (<paramref name="clock"/> set): the row it replaces is read first in the same transaction, and <paramref name="changes"/>' entries
    /// (actor <see cref="AuditActor.Current"/>) are appended after it, so the change and its records commit together. The lease's
    /// transaction must have begun.
    /// </summary>
    internal static async Task WriteAuditedAsync<T>(
        DeskSql sql, IClock? clock, DbLease lease, string table, string columns, string values, string id, long expectedVersion, Action<DbCommand> bind,
        string entity, Func<DbDataReader, T> row, Func<string, Instant, T?, IReadOnlyList<AuditEntry>> changes, CancellationToken cancellationToken)
        where T : class
    {
        var transaction = lease.Transaction ?? throw new InvalidOperationException("An audited write runs in a transaction.");
        var before = clock is null || expectedVersion == 0
            ? null
            : await sql.ReadRowForAuditAsync(lease.Connection, transaction, table, columns, id, row, cancellationToken).ConfigureAwait(false);
        await sql.WriteVersionedAsync(lease, table, columns, values, id, expectedVersion, bind, entity, cancellationToken).ConfigureAwait(false);
        if (clock is not null)
        {
            await AppendAsync(sql, lease, changes(AuditActor.Current, clock.GetCurrentInstant(), before), cancellationToken).ConfigureAwait(false);
        }
    }

    private static AuditRecord Read(DbDataReader reader)
    {
        AuditEntry entry;
        try
        {
            entry = ReadEntry(reader);
        }
        catch (ArgumentException e)
        {
            // A row edited outside the library may hold what no entry can (a blank actor, a too long value): keep it readable as a
            // placeholder whose hash cannot match, so the verifier reports it as altered instead of failing.
            entry = new AuditEntry(Instant.FromUnixTimeTicks(DeskSql.Long(reader, 1)), "(unreadable)", (AuditAction)DeskSql.Int(reader, 3), "(unreadable)", "(unreadable)")
            {
                NewValue = e.Message,
            };
        }

        return new AuditRecord(DeskSql.Long(reader, 0), entry, reader.GetString(11), reader.GetString(12)) { Chain = DeskSql.Int(reader, 13) };
    }

    private static AuditEntry ReadEntry(DbDataReader reader)
    {
        return new AuditEntry(
            Instant.FromUnixTimeTicks(DeskSql.Long(reader, 1)),
            reader.GetString(2),
            (AuditAction)DeskSql.Int(reader, 3),
            reader.GetString(4),
            reader.GetString(5))
        {
            Field = DeskSql.StringOrNull(reader, 6),
            OldValue = DeskSql.StringOrNull(reader, 7),
            NewValue = DeskSql.StringOrNull(reader, 8),
            Reason = DeskSql.StringOrNull(reader, 9),
            CorrelationId = DeskSql.StringOrNull(reader, 10),
        };
    }
}
