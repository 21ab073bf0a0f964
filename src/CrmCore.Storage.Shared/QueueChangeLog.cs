using System.Globalization;
using CrmCore.Tickets;

namespace CrmCore.Storage;

/// <summary>
/// The queue's change numbers (schema 13): <c>queue_clock</c> hands out the next number, <c>queue_change</c> keeps each ticket's latest.
/// The desk's port (<see cref="Desk.IQueueRepository"/>) records a change with every write that changed an entry, in the write's
/// transaction; bumping the one clock row serialises those writers (SQLite's write lock, PostgreSQL's row lock held to the commit), so
/// numbers are visible in commit order and a reader that saw number <c>n</c> has seen every change up to it. The leased port
/// (<see cref="ITicketQueueStore"/>) records none. Thread-safe.
/// </summary>
/// <param name="source">The database.</param>
/// <param name="prefix">What precedes the table names: <c>crm_</c> on SQLite, <c>schema.</c> on PostgreSQL.</param>
/// <param name="lockForUpdate">Whether a read inside a desk command locks the clock row until the command commits (PostgreSQL).</param>
internal sealed class QueueChangeLog(DbSource source, string prefix, bool lockForUpdate)
{
    private readonly string _bump = $"UPDATE {prefix}queue_clock SET change_no = change_no + 1 WHERE id = 1 RETURNING change_no";
    private readonly string _record = $"INSERT INTO {prefix}queue_change (ticket_id, change_no) VALUES (@id, @no) ON CONFLICT (ticket_id) DO UPDATE SET change_no = excluded.change_no";
    private readonly string _last = $"SELECT change_no FROM {prefix}queue_clock WHERE id = 1";
    private readonly string _lock = $"SELECT change_no FROM {prefix}queue_clock WHERE id = 1 FOR UPDATE";
    private readonly string _since = $"""
        SELECT c.change_no, c.ticket_id, q.bucket_id, q.due_ticks, q.enqueued_ticks
        FROM {prefix}queue_change c LEFT JOIN {prefix}queue q ON q.ticket_id = c.ticket_id
        WHERE c.change_no > @after ORDER BY c.change_no
        """;

    /// <summary>Records a change of the ticket's entry, in the lease's transaction (the caller's write and this commit together).</summary>
    public async Task RecordAsync(DbLease lease, TicketId id, CancellationToken cancellationToken)
    {
        var number = Convert.ToInt64(await lease.Command(_bump).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var record = lease.Command(_record);
        DeskSql.Add(record, "@id", id.Value);
        DeskSql.Add(record, "@no", number);
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last change number.</summary>
    public async ValueTask<long> LastAsync(CancellationToken cancellationToken)
    {
        await using var lease = await source.LeaseAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(await lease.Command(_last).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>The changes after <paramref name="after"/> as raw rows (bucket null when the ticket left the queue), in number order.</summary>
    public async Task<List<(long Number, string TicketId, long? Bucket, long Due, long Enqueued)>> SinceAsync(DbLease lease, long after, CancellationToken cancellationToken)
    {
        if (lockForUpdate && lease.Transaction is not null)
        {
            await lease.Command(_lock).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        var command = lease.Command(_since);
        DeskSql.Add(command, "@after", after);
        var rows = new List<(long, string, long?, long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var bucket = reader.IsDBNull(2) ? (long?)null : reader.GetInt64(2);
            rows.Add((reader.GetInt64(0), reader.GetString(1), bucket, bucket is null ? 0 : reader.GetInt64(3), bucket is null ? 0 : reader.GetInt64(4)));
        }

        return rows;
    }
}
