using System.Runtime.CompilerServices;
using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// The default queue store, in memory. Its change log is pruned by the same rule as the database stores' (a quarter of the retention
/// at a time): a reader that fell further behind than <c>changeRetention</c> change numbers gets <see cref="QueueChangesPrunedException"/>
/// and rebuilds its queue. Thread-safe; completes synchronously.
/// </summary>
public sealed class InMemoryQueueRepository : IQueueRepository
{
    private readonly Dictionary<TicketId, QueueEntryState> _entries = [];
    // The ticket of each change kept, in order: change number n is _changes[n - _prunedThrough - 1]. A ring, so that a prune step
    // costs what it drops, not what it keeps (up to the retention, 100,000,000 at most).
    private readonly QueueChangeRing _changes = new();
    private readonly Lock _gate = new();
    private readonly int _retention;
    private long _prunedThrough;

    /// <summary>Creates an empty store.</summary>
    /// <param name="changeRetention">How many of the latest change numbers are kept, as the database stores' <c>QueueChangeRetention</c>
    /// (default 100,000; 1 to 100,000,000).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="changeRetention"/> is out of range.</exception>
    public InMemoryQueueRepository(int changeRetention = QueueChangePruning.DefaultRetention)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(changeRetention, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(changeRetention, QueueChangePruning.MaxRetention);
        _retention = changeRetention;
    }

    /// <inheritdoc />
    public ValueTask<bool> AddAsync(QueueEntryState entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            return ValueTask.FromResult(_entries.TryAdd(entry.TicketId, entry) && Changed(entry.TicketId));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> UpdateAsync(QueueEntryState entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            if (!_entries.ContainsKey(entry.TicketId))
            {
                return ValueTask.FromResult(false);
            }

            _entries[entry.TicketId] = entry;
            return ValueTask.FromResult(Changed(entry.TicketId));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(TicketId id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_entries.Remove(id) && Changed(id));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<QueueEntryState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested(); // also when there is nothing to list
        List<QueueEntryState> entries;
        lock (_gate)
        {
            entries = [.. _entries.Values];
        }

        foreach (var entry in entries.OrderBy(e => e.EnqueuedAt).ThenBy(e => e.TicketId.Value, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<long> LastChangeAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_prunedThrough + _changes.Count);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<QueueChange> ChangesAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested(); // also when there is nothing to list
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        var changes = new List<QueueChange>();
        lock (_gate)
        {
            if (_prunedThrough > after)
            {
                throw new QueueChangesPrunedException(after, _prunedThrough);
            }

            // Each ticket once, at its latest change, as the database stores keep one change row per ticket.
            var latest = new Dictionary<TicketId, long>();
            for (var i = (int)Math.Min(after - _prunedThrough, _changes.Count); i < _changes.Count; i++)
            {
                latest[_changes[i]] = _prunedThrough + i + 1;
            }

            foreach (var (id, number) in latest.OrderBy(p => p.Value))
            {
                changes.Add(new QueueChange(number, id, _entries.GetValueOrDefault(id)));
            }
        }

        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return change;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    // Records a change of the ticket's entry (under the lock) and prunes by the shared rule; true, for the callers' results.
    private bool Changed(TicketId id)
    {
        _changes.Add(id);
        if (QueueChangePruning.PruneThrough(_prunedThrough + _changes.Count, _retention) is > 0 and var through)
        {
            _changes.DropOldest((int)(through - _prunedThrough));
            _prunedThrough = through;
        }

        return true;
    }
}
