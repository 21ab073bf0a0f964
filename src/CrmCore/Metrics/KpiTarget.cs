namespace CrmCore.Metrics;

/// <summary>A target for one KPI. Immutable.</summary>
/// <param name="Kind">The KPI.</param>
/// <param name="Value">The limit, in the unit of <see cref="ServiceKpis.Value(KpiKind)"/>.</param>
/// <param name="LowerIsBetter">True for a ceiling (first response, churn), false for a floor (resolution, CSAT).</param>
public sealed record KpiTarget(KpiKind Kind, double Value, bool LowerIsBetter)
{
    /// <summary>Whether a value meets the target (the limit itself meets it).</summary>
    /// <param name="actual">The value.</param>
    /// <returns>True when the value is on the good side of the limit or on it.</returns>
    public bool IsMetBy(double actual) => LowerIsBetter ? actual <= Value : actual >= Value;

    /// <summary>How far a value falls short of the target, in the KPI's unit; zero when the target is met.</summary>
    /// <param name="actual">The value.</param>
    /// <returns>The shortfall, never negative.</returns>
    public double Shortfall(double actual) => Math.Max(0, LowerIsBetter ? actual - Value : Value - actual);
}
