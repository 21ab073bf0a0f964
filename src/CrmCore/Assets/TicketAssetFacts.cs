using NodaTime;

namespace CrmCore.Assets;

/// <summary>
/// What the rules may know about the asset a ticket is about: its model, its warranty when the ticket was raised, whether its model has
/// a known issue and the model's failure rate. Derived only by <c>Of</c> (the rate by <see cref="FailureRate"/>); the desk puts it on
/// <see cref="Desk.TicketView.Asset"/>. Immutable.
/// </summary>
/// <param name="Asset">The asset's id.</param>
/// <param name="Model">The asset's model.</param>
/// <param name="Warranty">The warranty status on the local date the ticket was raised.</param>
/// <param name="ModelHasKnownIssue">True when the model is one with a known issue (configuration, for example
/// <see cref="Desk.DeskOptions.ModelsWithKnownIssues"/> or the models <see cref="AssetFailureReport.ModelsAtOrAbove"/> lists).</param>
public sealed record TicketAssetFacts(AssetId Asset, string Model, WarrantyStatus Warranty, bool ModelHasKnownIssue)
{
    /// <summary>
    /// The model's failure rate when the ticket was raised: tickets about the model's assets in the window before the raise per 100
    /// installed assets of the model (<see cref="FailureRate"/>; the window is <see cref="Desk.DeskOptions.FailureRateWindow"/>). Null
    /// when no asset of the model was installed or the counts are unknown (no <see cref="IModelTicketCounts"/>): never a made-up zero.
    /// </summary>
    public decimal? ModelFailureRate { get; init; }

    /// <summary>The facts of an asset for a ticket raised at <paramref name="raisedAt"/>, without a failure rate.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="raisedAt">When the ticket was raised; the warranty is judged on that local date.</param>
    /// <param name="zone">The zone the warranty dates are in.</param>
    /// <param name="modelsWithKnownIssues">Models with a known issue (compared as the set compares); null for none.</param>
    /// <returns>The facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="asset"/> or <paramref name="zone"/> is null.</exception>
    public static TicketAssetFacts Of(Asset asset, Instant raisedAt, DateTimeZone zone, IReadOnlySet<string>? modelsWithKnownIssues) =>
        Of(asset, raisedAt, zone, modelsWithKnownIssues, null);

    /// <summary>The facts of an asset for a ticket raised at <paramref name="raisedAt"/>.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="raisedAt">When the ticket was raised; the warranty is judged on that local date.</param>
    /// <param name="zone">The zone the warranty dates are in.</param>
    /// <param name="modelsWithKnownIssues">Models with a known issue (compared as the set compares); null for none.</param>
    /// <param name="modelCounts">The model's installed assets and tickets in the window before the raise; null when unknown (no rate).</param>
    /// <returns>The facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="asset"/> or <paramref name="zone"/> is null.</exception>
    public static TicketAssetFacts Of(Asset asset, Instant raisedAt, DateTimeZone zone, IReadOnlySet<string>? modelsWithKnownIssues, ModelTicketCount? modelCounts)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return new(asset.Id, asset.Model, asset.WarrantyAt(raisedAt, zone), modelsWithKnownIssues?.Contains(asset.Model) ?? false)
        {
            ModelFailureRate = modelCounts is { } counts ? FailureRate(counts) : null,
        };
    }

    /// <summary>The failure rate per 100 installed: <see cref="ModelTicketCount.Tickets"/> × 100 ÷ <see cref="ModelTicketCount.Installed"/>,
    /// rounded to two decimals (half away from zero); null when nothing is installed.</summary>
    /// <param name="counts">The model's counts.</param>
    /// <returns>The rate, or null.</returns>
    public static decimal? FailureRate(ModelTicketCount counts) =>
        counts.Installed == 0 ? null : Math.Round(counts.Tickets * 100m / counts.Installed, 2, MidpointRounding.AwayFromZero);
}
