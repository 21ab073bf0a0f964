using NodaTime;

namespace CrmCore.Assets;

/// <summary>
/// What the rules may know about the asset a ticket is about: its model, its warranty when the ticket was raised and whether its
/// model has a known issue. Derived only by <see cref="Of"/>; the desk puts it on <see cref="Desk.TicketView.Asset"/>. Immutable.
/// </summary>
/// <param name="Asset">The asset's id.</param>
/// <param name="Model">The asset's model.</param>
/// <param name="Warranty">The warranty status on the local date the ticket was raised.</param>
/// <param name="ModelHasKnownIssue">True when the model is one with a known issue (configuration, for example
/// <see cref="Desk.DeskOptions.ModelsWithKnownIssues"/> or the models <see cref="AssetFailureReport.ModelsAtOrAbove"/> lists).</param>
public sealed record TicketAssetFacts(AssetId Asset, string Model, WarrantyStatus Warranty, bool ModelHasKnownIssue)
{
    /// <summary>The facts of an asset for a ticket raised at <paramref name="raisedAt"/>.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="raisedAt">When the ticket was raised; the warranty is judged on that local date.</param>
    /// <param name="zone">The zone the warranty dates are in.</param>
    /// <param name="modelsWithKnownIssues">Models with a known issue (compared as the set compares); null for none.</param>
    /// <returns>The facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="asset"/> or <paramref name="zone"/> is null.</exception>
    public static TicketAssetFacts Of(Asset asset, Instant raisedAt, DateTimeZone zone, IReadOnlySet<string>? modelsWithKnownIssues)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return new(asset.Id, asset.Model, asset.WarrantyAt(raisedAt, zone), modelsWithKnownIssues?.Contains(asset.Model) ?? false);
    }
}
