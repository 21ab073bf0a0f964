using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised when a ticket is linked to the asset it is about after it was raised, moved to another asset, or unlinked.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who changed the link.</param>
/// <param name="Asset">The asset id now linked; null when the link was removed.</param>
/// <param name="Previous">The asset id linked before; null when there was none.</param>
public sealed record TicketAssetLinked(TicketId TicketId, Instant OccurredAt, string By, string? Asset, string? Previous) : IDomainEvent;
