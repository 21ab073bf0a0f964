using System.Globalization;
using CrmCore.Churn;
using CrmCore.Satisfaction;
using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// A month of service: KPIs against targets with the reasons for each miss, satisfaction (CSAT distribution and the top negative
/// themes), daily trends, breakdowns, the previous month when known, and the customers at high churn risk with their reasons.
/// Renders as plain text in English or simplified Chinese; the HTML and .xlsx renderings live in the CrmCore.Reporting package.
/// Immutable and thread-safe. Built by <see cref="MonthlyReportBuilder"/>.
/// </summary>
public sealed class MonthlyReport
{
    internal MonthlyReport(
        YearMonth month,
        DateTimeZone zone,
        KpiSnapshot kpis,
        SatisfactionSummary satisfaction,
        IReadOnlyList<TargetCheck> checks,
        IReadOnlyList<ChurnAssessment> highRiskCustomers,
        IReadOnlyList<KpiTarget> targets,
        IReadOnlyList<KpiSlice> daily,
        KpiSnapshot? previous,
        string targetSource)
    {
        TargetSource = targetSource;
        Targets = targets;
        Daily = daily;
        PreviousMonth = previous;
        Month = month;
        TimeZone = zone;
        Kpis = kpis;
        Satisfaction = satisfaction;
        Checks = checks;
        HighRiskCustomers = highRiskCustomers;
    }

    /// <summary>The month reported on.</summary>
    public YearMonth Month { get; }

    /// <summary>The time zone whose calendar month it is.</summary>
    public DateTimeZone TimeZone { get; }

    /// <summary>The month's KPIs with their slices.</summary>
    public KpiSnapshot Kpis { get; }

    /// <summary>The month's survey analysis (CSAT distribution, NPS, dimensions, negative themes).</summary>
    public SatisfactionSummary Satisfaction { get; }

    /// <summary>Every KPI that has a target, compared with it, in <see cref="KpiKind"/> order.</summary>
    public IReadOnlyList<TargetCheck> Checks { get; }

    /// <summary>The customers in the high churn band, highest score first.</summary>
    public IReadOnlyList<ChurnAssessment> HighRiskCustomers { get; }

    /// <summary>Where the targets come from (<see cref="ReportTargets.Source"/>), for example <c>document 001</c>.</summary>
    public string TargetSource { get; }

    /// <summary>Every target the report was built against, in <see cref="KpiKind"/> order.</summary>
    public IReadOnlyList<KpiTarget> Targets { get; }

    /// <summary>One slice per day of the month (key <c>yyyy-MM-dd</c>), in date order; days without data hold empty counts.</summary>
    public IReadOnlyList<KpiSlice> Daily { get; }

    /// <summary>The previous month's KPIs when the input held tickets raised in it (month over month); null otherwise.</summary>
    public KpiSnapshot? PreviousMonth { get; }

    /// <summary>Plan completion by account manager, lowest completion first; empty when none was given (see <see cref="ReportSupplements"/>).</summary>
    public IReadOnlyList<Relationships.PlanCompletionRow> PlanCompletion { get; init; } = [];

    /// <summary>The asset models with failures, highest failures per 100 installed first (then shortest MTBF), at most
    /// <see cref="MetricsOptions.MaxWorstAssetModels"/>; empty when none was given.</summary>
    public IReadOnlyList<Assets.ModelFailureStats> WorstAssetModels { get; init; } = [];

    /// <summary>Document 002's completeness check of the customer records (<see cref="ReportSupplements.Completeness"/>); null when none was given.</summary>
    public Completeness.CompletenessReport? Completeness { get; init; }

    /// <summary>Per-channel targets for the average first response (document 003: online 10 minutes, phone 2 hours), by channel code; empty when none.</summary>
    public IReadOnlyDictionary<string, Duration> ChannelFirstResponseTargets { get; init; } = new Dictionary<string, Duration>();

    /// <summary>
    /// Each per-channel first-response target compared with the channel's average first response on the headline's clock
    /// (<see cref="FirstResponseClock"/>), tightest target first (then channel code); <see cref="TargetCheck.Channel"/> names the
    /// channel. Counted with <see cref="Checks"/> in <see cref="TargetsMissed"/>, <see cref="TargetsNotChecked"/> and
    /// <see cref="AllTargetsMet"/>. Empty when there are none.
    /// </summary>
    public IReadOnlyList<TargetCheck> ChannelChecks { get; init; } = [];

    /// <summary>The calendars of <see cref="ReportSupplements.Calendars"/> whose holiday data does not cover the whole month, by name;
    /// empty when every one covers it (or none was given). The text, HTML and .xlsx reports open with a warning for each.</summary>
    public IReadOnlyList<CalendarGap> CalendarGaps { get; init; } = [];

    /// <summary>The clock every first-response figure of the report is on: the totals' <see cref="ServiceKpis.HeadlineFirstResponseClock"/>,
    /// so that a slice's average (<see cref="SliceValue"/>) is comparable with the headline.</summary>
    public FirstResponseClock FirstResponseClock => Kpis.Totals.HeadlineFirstResponseClock;

    /// <summary>How many targets the report checks: <see cref="Checks"/> and <see cref="ChannelChecks"/>.</summary>
    public int TargetCount => Checks.Count + ChannelChecks.Count;

    /// <summary>How many targets (<see cref="Checks"/> and <see cref="ChannelChecks"/>) were missed.</summary>
    public int TargetsMissed => Checks.Concat(ChannelChecks).Count(c => c.Met == false);

    /// <summary>How many targets (<see cref="Checks"/> and <see cref="ChannelChecks"/>) could not be checked for lack of data.</summary>
    public int TargetsNotChecked => Checks.Concat(ChannelChecks).Count(c => c.Met is null);

    /// <summary>A KPI of a slice, with its average first response on the report's <see cref="FirstResponseClock"/> (the headline's),
    /// never on the slice's own.</summary>
    /// <param name="kpis">The slice's KPIs.</param>
    /// <param name="kind">The KPI.</param>
    /// <returns>The value; null when the slice has no data for it on that clock.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="kpis"/> is null.</exception>
    public double? SliceValue(ServiceKpis kpis, KpiKind kind)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        return kpis.Value(kind, FirstResponseClock);
    }

    /// <summary>How many tickets, answers or customers <see cref="SliceValue"/> is computed from.</summary>
    /// <param name="kpis">The slice's KPIs.</param>
    /// <param name="kind">The KPI.</param>
    /// <returns>The sample size; zero when the value is undefined.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="kpis"/> is null.</exception>
    public int SliceSampleSize(ServiceKpis kpis, KpiKind kind)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        return kpis.SampleSize(kind, FirstResponseClock);
    }

    /// <summary>The dimensions <see cref="Breakdown"/> is shown for, in report order.</summary>
    public static IReadOnlyList<KpiDimension> BreakdownDimensions { get; } =
        [KpiDimension.Channel, KpiDimension.TicketType, KpiDimension.Team, KpiDimension.Agent, KpiDimension.Tier, KpiDimension.Region];

    /// <summary>
    /// The slices of one dimension, worst first: most targets missed, then highest SLA breach rate, then lowest resolution rate,
    /// then most tickets, then key (ordinal). Slices without tickets (churn or survey only) come last.
    /// </summary>
    /// <param name="dimension">The dimension.</param>
    /// <returns>The ordered slices; empty when the dimension has none.</returns>
    public IReadOnlyList<KpiSlice> Breakdown(KpiDimension dimension) =>
        Kpis.SlicesBy(dimension)
            .OrderBy(s => s.Kpis.TicketCount == 0)
            .ThenByDescending(s => MissedTargets(s.Kpis))
            .ThenByDescending(s => s.Kpis.SlaBreachRate ?? -1)
            .ThenBy(s => s.Kpis.ResolutionRate ?? 2)
            .ThenByDescending(s => s.Kpis.TicketCount)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>How many of <see cref="Targets"/> a slice misses (a KPI without data is not a miss; the first response is on the
    /// report's <see cref="FirstResponseClock"/>).</summary>
    /// <param name="kpis">The slice's KPIs.</param>
    /// <returns>The number of missed targets.</returns>
    public int MissedTargets(ServiceKpis kpis)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        return Targets.Count(t => SliceValue(kpis, t.Kind) is { } v && !t.IsMetBy(v));
    }

    /// <summary>
    /// True when there is at least one target and every one, per-channel targets included, was checked and met. A target without
    /// data is not met: it could not be checked (<see cref="TargetsNotChecked"/>).
    /// </summary>
    public bool AllTargetsMet => TargetCount > 0 && TargetsMissed == 0 && TargetsNotChecked == 0;

    /// <summary>Renders the report as plain text.</summary>
    /// <param name="culture">The language: simplified Chinese for any <c>zh</c> culture, English otherwise; null means <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The text, lines separated by <c>\n</c>.</returns>
    public string ToText(CultureInfo? culture = null) => MonthlyReportText.Render(this, ReportLabels.For(culture));

}
