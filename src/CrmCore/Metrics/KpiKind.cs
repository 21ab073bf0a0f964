namespace CrmCore.Metrics;

/// <summary>The service KPIs. Rates are fractions from 0 to 1; see docs/kpis.md for the exact definitions.</summary>
public enum KpiKind
{
    /// <summary>Average first-response time, in hours.</summary>
    AverageFirstResponse,

    /// <summary>Share of judged first responses that met their target.</summary>
    FirstResponseWithinTarget,

    /// <summary>First-contact resolution: share of resolved tickets resolved during the first contact.</summary>
    FirstContactResolution,

    /// <summary>Share of tickets (except "no action needed") that were resolved.</summary>
    ResolutionRate,

    /// <summary>Share of tickets with more than one contact or at least one reopening.</summary>
    RepeatContactRate,

    /// <summary>Share of tickets that breached their first-response target or their resolution SLA.</summary>
    SlaBreachRate,

    /// <summary>Average CSAT score, 1–5.</summary>
    CsatAverage,

    /// <summary>Net promoter score, −100 to 100.</summary>
    Nps,

    /// <summary>Monthly churn rate: customers lost in the month ÷ customers at its start.</summary>
    ChurnRate,
}
