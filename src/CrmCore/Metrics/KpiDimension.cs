namespace CrmCore.Metrics;

/// <summary>A way to slice the KPIs.</summary>
public enum KpiDimension
{
    /// <summary>By team (service group).</summary>
    Team,

    /// <summary>By agent (for churn: the account manager).</summary>
    Agent,

    /// <summary>By the customer's value tier.</summary>
    Tier,

    /// <summary>By the customer's region.</summary>
    Region,

    /// <summary>By calendar month in <see cref="MetricsOptions.TimeZone"/> (key <c>yyyy-MM</c>).</summary>
    Month,
}
