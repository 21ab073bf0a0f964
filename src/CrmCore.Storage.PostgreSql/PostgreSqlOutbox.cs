using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace CrmCore.Storage.PostgreSql;

/// <summary>The outbox in PostgreSQL (table <c>outbox</c>). Thread-safe.</summary>
public sealed class PostgreSqlOutbox : IOutbox
{
    private readonly PostgreSqlDatabase _database;

    /// <summary>Creates the outbox reader.</summary>
    /// <param name="options">The storage settings.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public PostgreSqlOutbox(PostgreSqlStorageOptions options)
        : this(new PostgreSqlDatabase(options))
    {
    }

    internal PostgreSqlOutbox(PostgreSqlDatabase database) => _database = database;

    /// <inheritdoc />
    /// <remarks>Inside a desk command's or a host's store transaction the read runs on that transaction's connection, so it sees the messages
    /// the transaction wrote and has not committed; otherwise on a connection of its own.</remarks>
    public async Task<IReadOnlyList<OutboxMessage>> ReadUnpublishedAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 10_000);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_database.Sql("""
            SELECT sequence, aggregate_id, event_type, payload::text, occurred_at FROM {schema}.outbox
            WHERE published_at IS NULL ORDER BY sequence LIMIT @max;
            """));
        DeskSql.Add(command, "max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<OutboxMessage>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Instant.FromDateTimeUtc(reader.GetDateTime(4))));
        }

        return list;
    }

    /// <inheritdoc />
    /// <remarks>Inside a store transaction the mark joins it (it can mark the messages the transaction wrote, and is undone if the transaction
    /// rolls back); otherwise it commits on its own.</remarks>
    public async Task<int> MarkPublishedAsync(IReadOnlyCollection<long> sequences, Instant at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_database.Sql("UPDATE {schema}.outbox SET published_at = @at WHERE sequence = ANY(@s) AND published_at IS NULL;"));
        DeskSql.Add(command, "at", at.ToDateTimeUtc());
        DeskSql.Add(command, "s", sequences.ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes messages inside the caller's transaction: the change and its events commit together or not at all.</summary>
    internal static async Task AppendAsync(
        PostgreSqlDatabase database,
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IEnumerable<(string AggregateId, string EventType, string Payload, Instant OccurredAt)> messages,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var sql = database.Sql("INSERT INTO {schema}.outbox (aggregate_id, event_type, payload, occurred_at) VALUES (@a, @t, @p, @o);");
        foreach (var message in messages)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue("a", message.AggregateId);
            command.Parameters.AddWithValue("t", message.EventType);
            command.Parameters.AddWithValue("p", NpgsqlDbType.Json, message.Payload);
            command.Parameters.AddWithValue("o", message.OccurredAt.ToDateTimeUtc());
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
