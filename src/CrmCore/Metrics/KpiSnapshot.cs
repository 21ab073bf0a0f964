using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// The KPIs of a range of months: the totals and the slices by team, agent, tier, region and month. For every dimension the
/// counts of its slices add up to <see cref="Totals"/>. Immutable.
/// </summary>
public sealed record KpiSnapshot
{
    /// <summary>The first month of the range.</summary>
    public required YearMonth From { get; init; }

    /// <summary>The last month of the range (equal to <see cref="From"/> for a monthly snapshot).</summary>
    public required YearMonth To { get; init; }

    /// <summary>The KPIs over the whole range.</summary>
    public required ServiceKpis Totals { get; init; }

    /// <summary>The slices of every dimension, each list ordered by key (ordinal).</summary>
    public required IReadOnlyDictionary<KpiDimension, IReadOnlyList<KpiSlice>> Slices { get; init; }

    /// <summary>The slices of one dimension.</summary>
    /// <param name="dimension">The dimension.</param>
    /// <returns>The slices ordered by key; empty when the dimension has none.</returns>
    public IReadOnlyList<KpiSlice> SlicesBy(KpiDimension dimension) => Slices.TryGetValue(dimension, out var slices) ? slices : [];
}
