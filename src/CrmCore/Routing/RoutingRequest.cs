using CrmCore.Tickets;

namespace CrmCore.Routing;

/// <summary>What a group resolver looks at to place a ticket: its id, the customer's industry and the ticket's type. Immutable.</summary>
/// <param name="Ticket">The ticket's id.</param>
/// <param name="Industry">The customer's industry code (for example <c>Manufacturing</c>), or null when unknown.</param>
/// <param name="Type">The ticket's type.</param>
public readonly record struct RoutingRequest(TicketId Ticket, string? Industry, TicketType Type);
