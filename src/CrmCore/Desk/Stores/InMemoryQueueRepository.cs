using System.Runtime.CompilerServices;
using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>The default queue store, in memory. Thread-safe; completes synchronously.</summary>
public sealed class InMemoryQueueRepository : IQueueRepository
{
    private readonly Dictionary<TicketId, QueueEntryState> _entries = [];
    // The ticket of each change, in order: change number n is _changes[n - 1].
    private readonly List<TicketId> _changes = [];
    private readonly Lock _gate = new();

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
            return ValueTask.FromResult((long)_changes.Count);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<QueueChange> ChangesAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        var changes = new List<QueueChange>();
        lock (_gate)
        {
            // Each ticket once, at its latest change, as the database stores keep one change row per ticket.
            var latest = new Dictionary<TicketId, int>();
            for (var i = (int)Math.Min(after, _changes.Count); i < _changes.Count; i++)
            {
                latest[_changes[i]] = i + 1;
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

    // Records a change of the ticket's entry (under the lock); true, for the callers' results.
    private bool Changed(TicketId id)
    {
        _changes.Add(id);
        return true;
    }
}
