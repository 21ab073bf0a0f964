namespace CrmCore.Metrics;

/// <summary>The KPIs of one slice, for example team <c>After-sales</c>. Immutable.</summary>
/// <param name="Dimension">The dimension sliced by.</param>
/// <param name="Key">The slice key (team name, tier, <c>yyyy-MM</c>, ...); empty for records that leave the field empty.</param>
/// <param name="Kpis">The slice's KPIs.</param>
public sealed record KpiSlice(KpiDimension Dimension, string Key, ServiceKpis Kpis);
