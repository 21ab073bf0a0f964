using System.Runtime.CompilerServices;
using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>The default queue store, in memory. Thread-safe; completes synchronously.</summary>
public sealed class InMemoryQueueRepository : IQueueRepository
{
    private readonly Dictionary<TicketId, QueueEntryState> _entries = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public ValueTask<bool> AddAsync(QueueEntryState entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            return ValueTask.FromResult(_entries.TryAdd(entry.TicketId, entry));
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
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(TicketId id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_entries.Remove(id));
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
}
