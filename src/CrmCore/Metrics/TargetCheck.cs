namespace CrmCore.Metrics;

/// <summary>
/// One KPI compared with its target: the actual value, whether the target was met, and, for a miss, the worst slices behind it.
/// Immutable.
/// </summary>
/// <param name="Target">The target.</param>
/// <param name="Actual">The month's value, or null when there was no data.</param>
/// <param name="Reasons">For a miss, the slices (team, agent, tier, region) that miss the target and pull the total down most
/// (shortfall × sample size), worst first; empty otherwise.</param>
public sealed record TargetCheck(KpiTarget Target, double? Actual, IReadOnlyList<KpiSlice> Reasons)
{
    /// <summary>True when met, false when missed, null when there was no data to judge.</summary>
    public bool? Met => Actual is { } actual ? Target.IsMetBy(actual) : null;

    /// <summary>For a per-channel target (<see cref="ReportTargets.MaxAverageFirstResponseByChannel"/>), the channel code; null for a
    /// target on the month's totals.</summary>
    public string? Channel { get; init; }
}
