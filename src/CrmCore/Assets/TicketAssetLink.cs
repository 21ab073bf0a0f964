using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Assets;

/// <summary>
/// A ticket's link to the asset it is about: a value the service desk carries on the ticket and hands to the analysis
/// (<see cref="AssetFailureAnalysis"/>). Immutable value.
/// </summary>
/// <param name="Ticket">The ticket.</param>
/// <param name="Asset">The asset.</param>
/// <param name="Type">The ticket's type (faults count as failures by default).</param>
/// <param name="RaisedAt">When the ticket was raised.</param>
public readonly record struct TicketAssetLink(TicketId Ticket, AssetId Asset, TicketType Type, Instant RaisedAt)
{
    /// <summary>The link a stored ticket carries (<see cref="TicketState.RelatedAssetId"/>), or null when it names no asset.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <returns>The link or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public static TicketAssetLink? Of(TicketState ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return string.IsNullOrWhiteSpace(ticket.RelatedAssetId) || ticket.RelatedAssetId.Length > 64
            ? null
            : new TicketAssetLink(ticket.Id, new AssetId(ticket.RelatedAssetId), ticket.Type, ticket.RaisedAt);
    }
}
