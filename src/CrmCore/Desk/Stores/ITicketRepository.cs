using CrmCore.Agents;
using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// Where the service desk keeps tickets, as <see cref="TicketState"/> (restore with <see cref="Ticket.Restore"/>). The default is
/// <see cref="InMemoryTicketRepository"/>; database providers implement it too. Asynchronous because a store may do I/O.
/// Implementations must be thread-safe.
/// </summary>
public interface ITicketRepository
{
    /// <summary>Reads one ticket.</summary>
    /// <param name="id">The ticket id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored state, or null when there is no such ticket.</returns>
    ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a ticket if nobody wrote it since it was read (optimistic concurrency): the stored version must equal
    /// <paramref name="expectedVersion"/>, or be absent when it is 0.
    /// </summary>
    /// <param name="state">The new state; its <see cref="TicketState.Version"/> must be above <paramref name="expectedVersion"/>.</param>
    /// <param name="expectedVersion">The version read before the change; 0 for a new ticket.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ConcurrencyConflictException">The stored version differs (or the ticket exists when 0 was expected); nothing is written.</exception>
    ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the derived due times (<see cref="TicketState.Due"/>) of a ticket without changing its version: the desk calls it when
    /// time alone moved them (after <c>AdvanceAsync</c> looked at the ticket).
    /// </summary>
    /// <param name="id">The ticket.</param>
    /// <param name="version">The version the due times were computed from.</param>
    /// <param name="due">The new due times.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>False (nothing written) when the ticket is missing or its stored version differs: whoever wrote the newer version wrote
    /// due times of its own.</returns>
    ValueTask<bool> RescheduleAsync(TicketId id, long version, TicketDueTimes due, CancellationToken cancellationToken = default);

    /// <summary>Lists stored tickets that match a query, ordered by creation instant then id.</summary>
    /// <param name="query">What to list; <see cref="TicketQuery.All"/> lists every ticket.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The matching states.</returns>
    IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts, per owner, the stored tickets whose owner holds a slot for them (<see cref="TicketLifecycle.HoldsOwnerSlot"/>): what a
    /// restarted desk needs to give its agents back their slots (<c>ServiceDesk.RestoreAgentsAsync</c>) without reading the tickets. The
    /// desk's queue owner is counted like any other owner. The SQLite and PostgreSQL stores answer it with one aggregate over an index;
    /// this default implementation lists the open tickets, for stores written before it existed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The count per owner; owners holding nothing are absent.</returns>
    async ValueTask<IReadOnlyDictionary<AgentId, int>> CountHeldByOwnerAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<AgentId, int>();
        await foreach (var ticket in ListAsync(TicketQuery.Open, cancellationToken).ConfigureAwait(false))
        {
            if (TicketLifecycle.HoldsOwnerSlot(ticket.Status))
            {
                counts[ticket.Owner] = counts.GetValueOrDefault(ticket.Owner) + 1;
            }
        }

        return counts;
    }
}
