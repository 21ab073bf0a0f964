using CrmCore.Assets;
using NodaTime;

namespace CrmCore.Rules.Facts;

/// <summary>Fills the asset facts of a ticket (<see cref="TicketFacts.AssetModel"/>, <see cref="TicketFacts.AssetUnderWarranty"/>, ...) from the asset it is about. Thread-safe (stateless).</summary>
public static class AssetFactsExtensions
{
    /// <summary>Returns a copy of <paramref name="input"/> with the asset facts of <paramref name="asset"/>.</summary>
    /// <param name="input">The ticket's facts input.</param>
    /// <param name="asset">The asset the ticket is about.</param>
    /// <param name="zone">The zone the warranty dates are in; the warranty is judged at <see cref="TicketFactsInput.RaisedAt"/>.</param>
    /// <param name="modelsWithKnownIssues">Models with a known issue (compared as the set compares); default none.</param>
    /// <returns>The new input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/>, <paramref name="asset"/> or <paramref name="zone"/> is null.</exception>
    public static TicketFactsInput WithAsset(this TicketFactsInput input, Asset asset, DateTimeZone zone, IReadOnlySet<string>? modelsWithKnownIssues = null) =>
        input.WithAsset(asset, zone, modelsWithKnownIssues, null);

    /// <summary>Returns a copy of <paramref name="input"/> with the asset facts of <paramref name="asset"/>, its model's failure rate included.</summary>
    /// <param name="input">The ticket's facts input.</param>
    /// <param name="asset">The asset the ticket is about.</param>
    /// <param name="zone">The zone the warranty dates are in; the warranty is judged at <see cref="TicketFactsInput.RaisedAt"/>.</param>
    /// <param name="modelsWithKnownIssues">Models with a known issue (compared as the set compares); null for none.</param>
    /// <param name="modelCounts">The model's installed assets and tickets in the window before the raise; null for no rate.</param>
    /// <returns>The new input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/>, <paramref name="asset"/> or <paramref name="zone"/> is null.</exception>
    public static TicketFactsInput WithAsset(this TicketFactsInput input, Asset asset, DateTimeZone zone, IReadOnlySet<string>? modelsWithKnownIssues, ModelTicketCount? modelCounts)
    {
        ArgumentNullException.ThrowIfNull(input);
        var facts = TicketAssetFacts.Of(asset, input.RaisedAt, zone, modelsWithKnownIssues, modelCounts);
        return input with
        {
            AssetModel = facts.Model,
            AssetWarranty = facts.Warranty,
            AssetModelHasKnownIssue = facts.ModelHasKnownIssue,
            AssetModelFailureRate = facts.ModelFailureRate,
        };
    }
}
