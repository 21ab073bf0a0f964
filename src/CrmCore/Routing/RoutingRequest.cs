using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Routing;

/// <summary>
/// What a group resolver looks at to place a ticket: its id, the customer's industry and the ticket's type, plus optional
/// ticket and customer facts (urgency, channel, customer tier and tags, raise time) that rule-driven resolvers can route on.
/// Immutable.
/// </summary>
/// <param name="Ticket">The ticket's id.</param>
/// <param name="Industry">The customer's industry code (for example <c>Manufacturing</c>), or null when unknown.</param>
/// <param name="Type">The ticket's type.</param>
public readonly record struct RoutingRequest(TicketId Ticket, string? Industry, TicketType Type)
{
    /// <summary>The ticket's urgency, or null when unknown (resolvers then assume <see cref="Tickets.Urgency.General"/>). Default null.</summary>
    public Urgency? Urgency { get; init; }

    /// <summary>The channel the ticket came in through, or null when unknown. Default null.</summary>
    public Channel? Channel { get; init; }

    /// <summary>The customer's tier name (for example <c>VIP</c>), or null when unknown. Default null.</summary>
    public string? CustomerTier { get; init; }

    /// <summary>The customer's tags, or null when unknown (treated as none). Default null.</summary>
    public IReadOnlyList<string>? CustomerTags { get; init; }

    /// <summary>When the ticket was raised, or null when unknown. Default null.</summary>
    public Instant? RaisedAt { get; init; }
}
