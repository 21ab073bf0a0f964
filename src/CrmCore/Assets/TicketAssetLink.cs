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
public readonly record struct TicketAssetLink(TicketId Ticket, AssetId Asset, TicketType Type, Instant RaisedAt);
