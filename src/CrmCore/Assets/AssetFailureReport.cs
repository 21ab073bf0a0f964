namespace CrmCore.Assets;

/// <summary>Which assets and models fail most (document 000's analysis). Immutable.</summary>
/// <param name="PerAsset">Tickets per asset, most failures first (then most tickets, then id); assets without tickets are left out.</param>
/// <param name="PerModel">Statistics per model, worst first: most failures per 100 installed, then most failures, then model name.</param>
public sealed record AssetFailureReport(IReadOnlyList<AssetTicketCount> PerAsset, IReadOnlyList<ModelFailureStats> PerModel)
{
    /// <summary>The models whose failure rate is at least <paramref name="failuresPer100"/> per 100 installed: candidates for the
    /// "model with a known issue" rule fact.</summary>
    /// <param name="failuresPer100">The threshold, at least 0.</param>
    /// <param name="minimumFailures">Only models with at least this many failures (default 1), so one failure of a model with one asset is not an issue.</param>
    /// <returns>The model names, compared ignoring case.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is negative.</exception>
    public IReadOnlySet<string> ModelsAtOrAbove(double failuresPer100, int minimumFailures = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failuresPer100);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumFailures);
        return PerModel.Where(m => m.Failures >= minimumFailures && m.FailuresPer100Installed >= failuresPer100)
            .Select(m => m.Model).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
