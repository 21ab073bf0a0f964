using CrmCore.Churn;
using CrmCore.Satisfaction;
using NodaTime;

namespace CrmCore.Metrics;

/// <summary>Builds the <see cref="MonthlyReport"/>. Thread-safe: it keeps no state between calls.</summary>
/// <remarks>
/// The reasons for a missed target are the team, agent, tier and region slices that miss it themselves, ranked by how much they
/// pull the total down (shortfall × sample size), at most <see cref="MetricsOptions.MaxReasonsPerMiss"/>. A slice that holds the
/// whole sample is skipped: it only repeats the total.
/// </remarks>
public sealed class MonthlyReportBuilder
{
    private static readonly KpiDimension[] ReasonDimensions = [KpiDimension.Team, KpiDimension.Agent, KpiDimension.Tier, KpiDimension.Region];
    private readonly MetricsOptions _options;
    private readonly KpiCalculator _calculator;
    private readonly SatisfactionAnalyzer _analyzer;

    /// <summary>Creates a builder.</summary>
    /// <param name="metrics">The KPI settings and targets; validated at once.</param>
    /// <param name="satisfaction">The survey settings; validated at once.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public MonthlyReportBuilder(MetricsOptions metrics, SatisfactionOptions satisfaction)
        : this(metrics, satisfaction, null)
    {
    }

    /// <summary>Creates a builder whose negative-feedback themes come from <paramref name="themes"/>.</summary>
    /// <param name="metrics">The KPI settings and targets; validated at once.</param>
    /// <param name="satisfaction">The survey settings; validated at once.</param>
    /// <param name="themes">The theme extractor (<c>AddCrmKnowledge()</c> registers the word-level one); null for the built-in one.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="metrics"/> or <paramref name="satisfaction"/> is null.</exception>
    public MonthlyReportBuilder(MetricsOptions metrics, SatisfactionOptions satisfaction, IFeedbackThemeExtractor? themes)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(satisfaction);
        _calculator = new KpiCalculator(metrics);
        _analyzer = new SatisfactionAnalyzer(satisfaction, themes);
        _options = metrics;
    }

    /// <summary>Builds the report of one month.</summary>
    /// <param name="input">Tickets, surveys and customer lifecycles; other months are ignored, except that when it holds tickets
    /// raised in the previous month that month is computed too (<see cref="MonthlyReport.PreviousMonth"/>).</param>
    /// <param name="month">The month.</param>
    /// <param name="churn">Current churn assessments; those in the high band are listed. Null means none.</param>
    /// <param name="supplements">Plan completion and asset model statistics of the month; null means none.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">A record is invalid; the message lists every problem.</exception>
    public MonthlyReport Build(KpiInput input, YearMonth month, IEnumerable<ChurnAssessment>? churn = null, ReportSupplements? supplements = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var kpis = _calculator.Compute(input, month);
        var surveys = input.Surveys.Where(s => _calculator.MonthOf(s.AnsweredAt) == month);
        var checks = new List<TargetCheck>();
        foreach (var kind in Enum.GetValues<KpiKind>())
        {
            if (_options.Targets.For(kind) is { } target)
            {
                var actual = kpis.Totals.Value(kind);
                var missed = actual is { } a && !target.IsMetBy(a);
                checks.Add(new TargetCheck(target, actual, missed ? WorstSlices(kpis, target) : []));
            }
        }

        var highRisk = (churn ?? [])
            .Where(a => a.Band == ChurnBand.High)
            .OrderByDescending(a => a.Score)
            .ThenBy(a => a.Customer)
            .Take(_options.MaxHighRiskCustomers)
            .ToList();

        var targets = Enum.GetValues<KpiKind>().Select(_options.Targets.For).OfType<KpiTarget>().ToList();
        var byDay = kpis.SlicesBy(KpiDimension.Day).ToDictionary(s => s.Key, StringComparer.Ordinal);
        var daily = new List<KpiSlice>();
        foreach (var day in month.ToDateInterval())
        {
            var key = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            daily.Add(byDay.TryGetValue(key, out var slice) ? slice : new KpiSlice(KpiDimension.Day, key, ServiceKpis.Empty));
        }

        var previousMonth = month.PlusMonths(-1);
        var previous = input.Tickets.Any(t => _calculator.MonthOf(t.RaisedAt) == previousMonth) ? _calculator.Compute(input, previousMonth) : null;
        var extra = supplements ?? ReportSupplements.None;
        var worstModels = extra.AssetModels
            .Where(m => m.Failures > 0)
            .OrderByDescending(m => m.FailuresPer100Installed)
            .ThenBy(m => m.MeanTimeBetweenFailures ?? NodaTime.Duration.MaxValue)
            .ThenBy(m => m.Model, StringComparer.Ordinal)
            .Take(_options.MaxWorstAssetModels)
            .ToList();
        var plans = extra.PlanCompletion
            .OrderBy(r => r.CompletionRate ?? 2)
            .ThenByDescending(r => r.Overdue)
            .ThenBy(r => r.Owner is null)
            .ThenBy(r => r.Owner?.Value, StringComparer.Ordinal)
            .ToList();
        return new MonthlyReport(month, _options.TimeZone, kpis, _analyzer.Summarize(surveys), checks, highRisk, targets, daily, previous, _options.Targets.Source)
        {
            PlanCompletion = plans,
            WorstAssetModels = worstModels,
            Completeness = extra.Completeness,
            ChannelFirstResponseTargets = _options.Targets.MaxAverageFirstResponseByChannel,
            ChannelChecks = ChannelChecks(kpis),
            CalendarGaps = CalendarGaps(extra.Calendars, month),
        };
    }

    /// <summary>The calendars whose holiday data leaves days of the month uncovered, once per name, by name. A calendar with no holiday
    /// data declared or inferred (<see cref="Calendars.BusinessCalendar.HolidayCoverage"/> null) claims none, so it has no gap.</summary>
    private static List<CalendarGap> CalendarGaps(IEnumerable<Calendars.BusinessCalendar> calendars, YearMonth month)
    {
        var days = month.ToDateInterval();
        var gaps = new List<CalendarGap>();
        foreach (var calendar in calendars.DistinctBy(c => c.Definition.Name, StringComparer.Ordinal).OrderBy(c => c.Definition.Name, StringComparer.Ordinal))
        {
            if (calendar.HolidayCoverage is { } coverage && days.Count(day => !coverage.Contains(day)) is > 0 and var outside)
            {
                gaps.Add(new CalendarGap(calendar.Definition.Name, coverage, outside));
            }
        }

        return gaps;
    }

    /// <summary>The per-channel first-response targets against each channel's average on the headline's clock, tightest first.</summary>
    private List<TargetCheck> ChannelChecks(KpiSnapshot kpis)
    {
        var clock = kpis.Totals.HeadlineFirstResponseClock;
        var slices = kpis.SlicesBy(KpiDimension.Channel).ToDictionary(s => s.Key, StringComparer.Ordinal);
        return _options.Targets.MaxAverageFirstResponseByChannel
            .OrderBy(t => t.Value)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TargetCheck(
                new KpiTarget(KpiKind.AverageFirstResponse, t.Value.TotalHours, LowerIsBetter: true),
                slices.TryGetValue(t.Key, out var slice) ? slice.Kpis.Value(KpiKind.AverageFirstResponse, clock) : null,
                []) { Channel = t.Key })
            .ToList();
    }

    // Slices are measured on the totals' first-response clock, as the headline is.
    private List<KpiSlice> WorstSlices(KpiSnapshot kpis, KpiTarget target) =>
        ReasonDimensions
            .SelectMany(kpis.SlicesBy)
            .Where(s => s.Kpis.SampleSize(target.Kind, kpis.Totals.HeadlineFirstResponseClock) < kpis.Totals.SampleSize(target.Kind)) // a slice holding everything repeats the total
            .Select(s => (Slice: s, Value: s.Kpis.Value(target.Kind, kpis.Totals.HeadlineFirstResponseClock)))
            .Where(s => s.Value is { } v && !target.IsMetBy(v))
            .Select(s => (s.Slice, Weight: target.Shortfall(s.Value!.Value) * s.Slice.Kpis.SampleSize(target.Kind, kpis.Totals.HeadlineFirstResponseClock)))
            .OrderByDescending(s => s.Weight)
            .ThenBy(s => s.Slice.Dimension)
            .ThenBy(s => s.Slice.Key, StringComparer.Ordinal)
            .Take(_options.MaxReasonsPerMiss)
            .Select(s => s.Slice)
            .ToList();
}
