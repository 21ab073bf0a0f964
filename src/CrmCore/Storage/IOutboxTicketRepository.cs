using CrmCore.Desk;
using CrmCore.Tickets;

namespace CrmCore.Storage;

/// <summary>
/// A ticket store that also writes the ticket's domain events to the outbox (<see cref="IOutbox"/>) in the same transaction as the
/// ticket: both are stored, or neither. The SQLite, PostgreSQL and <see cref="InMemoryOutboxTicketRepository"/> stores implement it;
/// a host (or the desk) that has one should save through this overload and then call <see cref="Ticket.ClearDomainEvents"/>.
/// </summary>
public interface IOutboxTicketRepository : ITicketRepository
{
    /// <summary>Writes a ticket and its events if nobody wrote the ticket since it was read (as <see cref="ITicketRepository.SaveAsync"/>).</summary>
    /// <param name="state">The new state.</param>
    /// <param name="expectedVersion">The version read before the change; 0 for a new ticket.</param>
    /// <param name="events">The events the change raised (usually <see cref="Ticket.DomainEvents"/>), oldest first.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ConcurrencyConflictException">The stored version differs; neither the ticket nor the events are written.</exception>
    ValueTask SaveAsync(TicketState state, long expectedVersion, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes events that come with no ticket save to the outbox (those <see cref="ServiceDesk.AdvanceAsync"/> raises: SLA warnings and
    /// breaches, escalations, revisit reminders, overflows, churn follow-ups, plan reminders), in the desk command's transaction when one is
    /// open (<see cref="IStoreTransactions"/>): they are stored with the escalation marks and due times that raised them, or not at all.
    /// </summary>
    /// <param name="events">Each event with the id of the aggregate it belongs to (a ticket, customer or plan entry id), oldest first.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    ValueTask AppendEventsAsync(IReadOnlyList<(string AggregateId, IDomainEvent Event)> events, CancellationToken cancellationToken = default);
}
