using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// The durable copy of the waiting queue: which tickets wait for an agent, in which group, with which priority. The desk's in-memory
/// <see cref="Routing.TicketQueue"/> is rebuilt from it at start. A ticket is queued at most once. The default is
/// <see cref="InMemoryQueueRepository"/>. Implementations must be thread-safe.
/// </summary>
public interface IQueueRepository
{
    /// <summary>Adds a waiting ticket.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>False (nothing written) when the ticket is already queued.</returns>
    ValueTask<bool> AddAsync(QueueEntryState entry, CancellationToken cancellationToken = default);

    /// <summary>Replaces the entry of a queued ticket (new group or priority).</summary>
    /// <param name="entry">The new entry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>False (nothing written) when the ticket is not queued.</returns>
    ValueTask<bool> UpdateAsync(QueueEntryState entry, CancellationToken cancellationToken = default);

    /// <summary>Removes a ticket from the queue (taken by an agent, or finished).</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>False when the ticket was not queued.</returns>
    ValueTask<bool> RemoveAsync(TicketId id, CancellationToken cancellationToken = default);

    /// <summary>Lists the queued tickets, ordered by enqueue instant then id.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<QueueEntryState> ListAsync(CancellationToken cancellationToken = default);
}
