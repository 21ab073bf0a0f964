using CrmCore.Satisfaction;
using NodaTime;

namespace CrmCore.Metrics;

/// <summary>The data the KPIs are computed from. Immutable; the lists are not copied, so do not change them while computing.</summary>
/// <param name="Tickets">The tickets (any range of months; each is counted in the month it was raised).</param>
/// <param name="Surveys">The survey responses (counted in the month they were answered; sliced through their ticket).</param>
/// <param name="Customers">The customer lifecycles for the churn rate.</param>
public sealed record KpiInput(
    IReadOnlyList<ServiceRecord> Tickets,
    IReadOnlyList<SurveyResponse> Surveys,
    IReadOnlyList<CustomerLifecycle> Customers)
{
    /// <summary>Input with no data at all.</summary>
    public static KpiInput Empty { get; } = new([], [], []);

    /// <summary>
    /// When the data was taken. Unanswered tickets are aged until the end of the computed range or this instant, whichever is
    /// earlier, so a ticket raised an hour before the export is not yet a first-response miss. Default null: the end of the range.
    /// </summary>
    public Instant? AsOf { get; init; }
}
