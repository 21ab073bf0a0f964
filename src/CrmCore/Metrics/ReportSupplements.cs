using CrmCore.Assets;
using CrmCore.Calendars;
using CrmCore.Completeness;
using CrmCore.Relationships;

namespace CrmCore.Metrics;

/// <summary>
/// What the monthly report shows besides tickets and surveys: plan completion by account manager (from
/// <see cref="ContactPlanBook.CompletionAsync"/> or <see cref="Relationships.PlanCompletion.ByOwner"/>), the failure statistics of
/// asset models (from <see cref="AssetFailureAnalysis.Analyze"/>) and the completeness of the customer records (from
/// <see cref="CompletenessCheck.Check(IEnumerable{CrmCore.Customers.CustomerState}, CompletenessPolicy?)"/>). Any may be empty; the report then says
/// there is nothing to show.
/// Immutable.
/// </summary>
public sealed record ReportSupplements
{
    /// <summary>Nothing besides tickets and surveys.</summary>
    public static ReportSupplements None { get; } = new();

    /// <summary>Plan completion by account manager over the month; default empty.</summary>
    public IReadOnlyList<PlanCompletionRow> PlanCompletion { get; init; } = [];

    /// <summary>Failure statistics per asset model over the month; default empty. The report lists the worst first.</summary>
    public IReadOnlyList<ModelFailureStats> AssetModels { get; init; } = [];

    /// <summary>Document 002's completeness check of the customer records (the share complete, the most often missing fields, per
    /// account manager); null (default) when the report has no customer records to check.</summary>
    public CompletenessReport? Completeness { get; init; }

    /// <summary>The business calendars the month's SLA clocks ran on; default empty. The report warns about each one whose holiday
    /// data does not cover the whole month (<see cref="MonthlyReport.CalendarGaps"/>).</summary>
    public IReadOnlyList<BusinessCalendar> Calendars { get; init; } = [];
}
