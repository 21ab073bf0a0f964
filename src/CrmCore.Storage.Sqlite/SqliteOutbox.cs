using Microsoft.Data.Sqlite;
using NodaTime;

namespace CrmCore.Storage.Sqlite;

/// <summary>The outbox in SQLite (table <c>crm_outbox</c>). Thread-safe.</summary>
public sealed class SqliteOutbox : IOutbox
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the outbox reader.</summary>
    /// <param name="options">The storage settings.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public SqliteOutbox(SqliteStorageOptions options)
        : this(new SqliteDatabase(options))
    {
    }

    internal SqliteOutbox(SqliteDatabase database) => _database = database;

    /// <inheritdoc />
    /// <remarks>Inside a desk command's or a host's store transaction the read runs on that transaction's connection, so it sees the messages
    /// the transaction wrote and has not committed (a second connection is refused there); otherwise on a connection of its own.</remarks>
    public Task<IReadOnlyList<OutboxMessage>> ReadUnpublishedAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 10_000);
        using var lease = _database.Lease();
        var command = lease.Command("""
            SELECT sequence, aggregate_id, event_type, payload, occurred_at FROM crm_outbox
            WHERE published_at IS NULL ORDER BY sequence LIMIT $max;
            """);
        DeskSql.Add(command, "$max", max);
        using var reader = command.ExecuteReader();
        var list = new List<OutboxMessage>();
        while (reader.Read())
        {
            list.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Instant.FromUnixTimeTicks(reader.GetInt64(4))));
        }

        return Task.FromResult<IReadOnlyList<OutboxMessage>>(list);
    }

    /// <inheritdoc />
    /// <remarks>Inside a store transaction the mark joins it (it can mark the messages the transaction wrote, and is undone if the transaction
    /// rolls back); otherwise it is a transaction of its own.</remarks>
    public Task<int> MarkPublishedAsync(IReadOnlyCollection<long> sequences, Instant at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        using var lease = _database.Lease();
        lease.Begin();
        var command = lease.Command("UPDATE crm_outbox SET published_at = $at WHERE sequence = $s AND published_at IS NULL;");
        DeskSql.Add(command, "$at", at.ToUnixTimeTicks());
        var marked = 0;
        foreach (var sequence in sequences)
        {
            DeskSql.Add(command, "$s", sequence);
            marked += command.ExecuteNonQuery();
        }

        lease.Commit();
        return Task.FromResult(marked);
    }

    /// <summary>Writes messages inside the caller's transaction: the change and its events commit together or not at all.</summary>
    internal static void Append(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<(string AggregateId, string EventType, string Payload, Instant OccurredAt)> messages)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO crm_outbox (aggregate_id, event_type, payload, occurred_at) VALUES ($a, $t, $p, $o);";
        var a = command.Parameters.Add("$a", SqliteType.Text);
        var t = command.Parameters.Add("$t", SqliteType.Text);
        var p = command.Parameters.Add("$p", SqliteType.Text);
        var o = command.Parameters.Add("$o", SqliteType.Integer);
        foreach (var message in messages)
        {
            a.Value = message.AggregateId;
            t.Value = message.EventType;
            p.Value = message.Payload;
            o.Value = message.OccurredAt.ToUnixTimeTicks();
            command.ExecuteNonQuery();
        }
    }
}
