namespace CrmCore.Assets;

/// <summary>Tickets raised about one asset in the analysed period. Immutable.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Model">Its model.</param>
/// <param name="Tickets">All tickets linked to it.</param>
/// <param name="Failures">Those that count as failures.</param>
public sealed record AssetTicketCount(AssetId Asset, string Model, int Tickets, int Failures);
