using System.Globalization;
using CrmCore.Desk;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// The queue's change numbers (schema 13): <c>queue_clock</c> hands out the next number, <c>queue_change</c> keeps each ticket's latest.
/// The desk's port (<see cref="Desk.IQueueRepository"/>) records a change with every write that changed an entry, in the write's
/// transaction; bumping the one clock row serialises those writers (SQLite's write lock, PostgreSQL's row lock held to the commit), so
/// numbers are visible in commit order and a reader that saw number <c>n</c> has seen every change up to it. The leased port
/// (<see cref="ITicketQueueStore"/>) records none.
/// <para>Pruning (schema 15 on SQLite, 16 on PostgreSQL; the rule is <see cref="QueueChangePruning"/>, shared with the in-memory store): a
/// change whose number is a multiple of the prune step deletes, in its own transaction, the changes <paramref name="retention"/> or more
/// numbers older and records the last number deleted in
/// <c>queue_clock.pruned_through</c>. A read after a number below that throws <see cref="QueueChangesPrunedException"/> (read in the same
/// statement as the changes, so a prune is never half seen): the desk then rebuilds its queue, and never misses a change.</para>
/// Thread-safe.
/// </summary>
/// <param name="source">The database.</param>
/// <param name="prefix">What precedes the table names: <c>crm_</c> on SQLite, <c>schema.</c> on PostgreSQL.</param>
/// <param name="lockForUpdate">Whether a read inside a desk command locks the clock row until the command commits (PostgreSQL).</param>
/// <param name="retention">How many of the latest change numbers are kept (the options' <c>QueueChangeRetention</c>).</param>
internal sealed class QueueChangeLog(DbSource source, string prefix, bool lockForUpdate, int retention)
{
    private readonly string _prune = $"DELETE FROM {prefix}queue_change WHERE change_no <= @through";
    private readonly string _pruned = $"UPDATE {prefix}queue_clock SET pruned_through = @through WHERE id = 1 AND pruned_through < @through";

    private readonly string _bump = $"UPDATE {prefix}queue_clock SET change_no = change_no + 1 WHERE id = 1 RETURNING change_no";
    private readonly string _record = $"INSERT INTO {prefix}queue_change (ticket_id, change_no) VALUES (@id, @no) ON CONFLICT (ticket_id) DO UPDATE SET change_no = excluded.change_no";
    private readonly string _last = $"SELECT change_no FROM {prefix}queue_clock WHERE id = 1";
    private readonly string _lock = $"SELECT change_no FROM {prefix}queue_clock WHERE id = 1 FOR UPDATE";
    // One statement, so the pruned mark and the changes come from one snapshot: the clock row, joined with the changes after @after.
    private readonly string _since = $"""
        SELECT k.pruned_through, c.change_no, c.ticket_id, q.bucket_id, q.due_ticks, q.enqueued_ticks
        FROM {prefix}queue_clock k
        LEFT JOIN {prefix}queue_change c ON c.change_no > @after
        LEFT JOIN {prefix}queue q ON q.ticket_id = c.ticket_id
        WHERE k.id = 1 ORDER BY c.change_no
        """;

    /// <summary>The desk's add: <paramref name="enqueue"/> (the provider's insert, which joins the ambient transaction) and, when it added
    /// the ticket, its change, in one transaction (the desk command's, or one of their own).</summary>
    public ValueTask<bool> AddAsync(TicketId id, Func<Task<bool>> enqueue, CancellationToken cancellationToken) => StepAsync(id, enqueue, cancellationToken);

    /// <summary>The desk's removal: <paramref name="remove"/> (the provider's delete, which joins the ambient transaction) and, when
    /// there was an entry, its change, in one transaction (the desk command's, or one of their own).</summary>
    public ValueTask<bool> RemoveAsync(TicketId id, Func<Task<bool>> remove, CancellationToken cancellationToken) => StepAsync(id, remove, cancellationToken);

    // The provider's change of the entry and, when it changed something, its change record, in one transaction.
    private async ValueTask<bool> StepAsync(TicketId id, Func<Task<bool>> change, CancellationToken cancellationToken)
    {
        await using var work = source.BeginStep();
        var changed = await change().ConfigureAwait(false);
        if (changed)
        {
            await using var lease = await source.LeaseAsync(cancellationToken).ConfigureAwait(false);
            await RecordAsync(lease, id, cancellationToken).ConfigureAwait(false);
        }

        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <summary>The changes after <paramref name="after"/>, each with its entry as stored now; <paramref name="bucketOf"/> finds a bucket
    /// by id on the lease's connection (the provider's cache).</summary>
    public async Task<List<QueueChange>> ChangesAsync(long after, Func<DbLease, long, ValueTask<QueueBucket>> bucketOf, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        await using var lease = await source.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var rows = await SinceAsync(lease, after, cancellationToken).ConfigureAwait(false);
        var changes = new List<QueueChange>(rows.Count);
        foreach (var (number, id, bucket, due, enqueued) in rows)
        {
            var entry = bucket is { } b ? QueueEntryState.From(Queued(id, await bucketOf(lease, b).ConfigureAwait(false), due, enqueued)) : null;
            changes.Add(new QueueChange(number, new TicketId(id), entry));
        }

        return changes;
    }

    /// <summary>A stored queue row as a waiting ticket (the due time <see cref="SlaTermParameters.NoDue"/> means none).</summary>
    public static QueuedTicket Queued(string id, QueueBucket bucket, long due, long enqueued) =>
        new(new TicketId(id), bucket.Team, bucket.StaticPriority, due == SlaTermParameters.NoDue ? null : Instant.FromUnixTimeTicks(due), bucket.Skills, Instant.FromUnixTimeTicks(enqueued));

    /// <summary>Records a change of the ticket's entry, in the lease's transaction (the caller's write and this commit together).</summary>
    public async Task RecordAsync(DbLease lease, TicketId id, CancellationToken cancellationToken)
    {
        var number = Convert.ToInt64(await lease.Command(_bump).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var record = lease.Command(_record);
        DeskSql.Add(record, "@id", id.Value);
        DeskSql.Add(record, "@no", number);
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (QueueChangePruning.PruneThrough(number, retention) is > 0 and var through)
        {
            await PruneAsync(lease, through, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the changes up to <paramref name="through"/> and records that they are gone, in the lease's transaction (which holds
    /// the clock: SQLite's write lock, PostgreSQL's row lock from the bump).</summary>
    private async Task PruneAsync(DbLease lease, long through, CancellationToken cancellationToken)
    {
        var prune = lease.Command(_prune);
        DeskSql.Add(prune, "@through", through);
        await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        var pruned = lease.Command(_pruned);
        DeskSql.Add(pruned, "@through", through);
        await pruned.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last change number.</summary>
    public async ValueTask<long> LastAsync(CancellationToken cancellationToken)
    {
        await using var lease = await source.LeaseAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(await lease.Command(_last).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>The changes after <paramref name="after"/> as raw rows (bucket null when the ticket left the queue), in number order.</summary>
    private async Task<List<(long Number, string TicketId, long? Bucket, long Due, long Enqueued)>> SinceAsync(DbLease lease, long after, CancellationToken cancellationToken)
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
            var prunedThrough = reader.GetInt64(0);
            if (prunedThrough > after)
            {
                throw new QueueChangesPrunedException(after, prunedThrough);
            }

            if (reader.IsDBNull(1))
            {
                continue; // the clock row alone: no change after 'after'
            }

            var bucket = reader.IsDBNull(3) ? (long?)null : reader.GetInt64(3);
            rows.Add((reader.GetInt64(1), reader.GetString(2), bucket, bucket is null ? 0 : reader.GetInt64(4), bucket is null ? 0 : reader.GetInt64(5)));
        }

        return rows;
    }
}
