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

    /// <summary>By contact channel (<see cref="ServiceRecord.Channel"/>); surveys take their ticket's, customers fall in the empty slice.</summary>
    Channel,

    /// <summary>By ticket type (<see cref="ServiceRecord.Type"/>); surveys take their ticket's, customers fall in the empty slice.</summary>
    TicketType,

    /// <summary>
    /// By calendar day in <see cref="MetricsOptions.TimeZone"/> (key <c>yyyy-MM-dd</c>): tickets on the day raised, surveys on the
    /// day answered, customers on the first day of the month.
    /// </summary>
    Day,
}
