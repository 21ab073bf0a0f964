using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// A durable routing queue shared by every host instance that uses the same store. Claims follow exactly the order of the
/// in-memory <see cref="TicketQueue"/> at the instant of the claim (static priority plus SLA term, then due time, enqueue time
/// and ticket id), and a claim is a lease (<see cref="QueueLease"/>): a ticket whose holder never completes or releases it waits
/// again once the lease expires. Implementations are thread-safe, and no ticket is ever held by two live leases.
/// </summary>
public interface ITicketQueueStore
{
    /// <summary>Adds a ticket unless it is already queued (waiting or leased).</summary>
    /// <param name="ticket">The ticket; must not be the default instance.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when added; false when it was already queued (nothing changes).</returns>
    Task<bool> EnqueueAsync(QueuedTicket ticket, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the best waiting ticket <paramref name="agent"/> may take at <paramref name="now"/> (its teams, its skills covering
    /// the required ones), as a lease. Leases that expired at or before <paramref name="now"/> count as waiting. Like
    /// <see cref="TicketQueue.NextFor"/>, the agent must be online and below capacity; a claim reserves one slot of it.
    /// </summary>
    /// <param name="agent">The agent asking for work.</param>
    /// <param name="now">The instant of the claim; it ranks tickets and starts the lease.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The lease, or null when there is nothing the agent may take (its load is then unchanged).</returns>
    Task<QueueLease?> ClaimAsync(Agent agent, Instant now, CancellationToken cancellationToken = default);

    /// <summary>Removes a leased ticket from the queue for good (it was assigned or resolved).</summary>
    /// <param name="lease">The lease from <see cref="ClaimAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when the lease was still held; false when it had expired and the ticket was claimed by someone else (then nothing changes).</returns>
    Task<bool> CompleteAsync(QueueLease lease, CancellationToken cancellationToken = default);

    /// <summary>Gives a leased ticket back to the queue at once, in its old place.</summary>
    /// <param name="lease">The lease from <see cref="ClaimAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when the lease was still held; false otherwise (nothing changes).</returns>
    Task<bool> ReleaseAsync(QueueLease lease, CancellationToken cancellationToken = default);

    /// <summary>Removes a ticket whether waiting or leased (for example one closed before anyone took it).</summary>
    /// <param name="id">The ticket's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when it was queued.</returns>
    Task<bool> RemoveAsync(TicketId id, CancellationToken cancellationToken = default);

    /// <summary>Every queued ticket (waiting or leased), in no particular order: what a host reads at start-up to rebuild an in-memory queue.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tickets.</returns>
    Task<IReadOnlyList<QueuedTicket>> LoadAllAsync(CancellationToken cancellationToken = default);
}
