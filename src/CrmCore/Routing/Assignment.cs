using CrmCore.Agents;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Routing;

/// <summary>A ticket handed to an agent: who, from which group, and how long the ticket waited. Immutable.</summary>
/// <param name="Ticket">The ticket as it left the queue.</param>
/// <param name="Agent">The agent who holds it.</param>
/// <param name="AssignedAt">When it was handed over.</param>
public readonly record struct Assignment(QueuedTicket Ticket, AgentId Agent, Instant AssignedAt)
{
    /// <summary>The ticket's id.</summary>
    public TicketId TicketId => Ticket.Id;

    /// <summary>How long the ticket waited in the queue (never negative).</summary>
    public Duration Waited => AssignedAt > Ticket.EnqueuedAt ? AssignedAt - Ticket.EnqueuedAt : Duration.Zero;
}
