using System.Collections.Immutable;
using CrmCore.Customers;
using CrmCore.Sla;
using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// The one read-only shape of a ticket that SLA, routing, rules and KPIs read: the ticket plus its customer's tier and tags and its
/// asset's facts. The engines'
/// own input types are projections computed here and nowhere else (<see cref="ToSlaTicket"/>). Immutable once built.
/// </summary>
public sealed class TicketView
{
    /// <summary>Builds the view.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="customer">Its customer, or null when the customer is not on record (tier and tags are then empty).</param>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customer"/> is not the ticket's customer.</exception>
    public TicketView(TicketState ticket, CustomerState? customer)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (customer is not null && customer.Id != ticket.CustomerId)
        {
            throw new ArgumentException($"Customer {customer.Id} is not the customer of ticket {ticket.Id} ({ticket.CustomerId}).", nameof(customer));
        }

        Ticket = ticket;
        Customer = customer;
        Tags = customer is null ? [] : [.. customer.Tags];
    }

    /// <summary>The ticket's state.</summary>
    public TicketState Ticket { get; }

    /// <summary>The customer's state, or null when not on record.</summary>
    public CustomerState? Customer { get; }

    /// <summary>The customer's tier, or null.</summary>
    public string? Tier => Customer?.Tier;

    /// <summary>The customer's tags (ordinal).</summary>
    public ImmutableHashSet<string> Tags { get; }

    /// <summary>The facts of the asset the ticket is about (<see cref="TicketState.RelatedAssetId"/>), or null when it has none or the
    /// asset is not on record. The desk fills it from its asset store (<see cref="DeskStores.Assets"/>).</summary>
    public Assets.TicketAssetFacts? Asset { get; init; }

    /// <summary>The projection the SLA and escalation engines read.</summary>
    /// <returns>A new <see cref="SlaTicket"/>.</returns>
    public SlaTicket ToSlaTicket() => new()
    {
        Id = Ticket.Id,
        RaisedAt = Ticket.RaisedAt,
        Urgency = Ticket.Urgency,
        Type = Ticket.Type,
        Channel = Ticket.Channel,
        History = Ticket.StatusHistory,
        FirstResponseAt = Ticket.FirstResponseAt,
        AwaitingReplySince = null,
        Tier = Tier,
        Tags = Tags,
    };
}
