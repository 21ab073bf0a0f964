using System.Globalization;

namespace CrmCore.Metrics;

/// <summary>The words of the monthly report in English and simplified Chinese (from the resx files, <c>Report_*</c>), and the formatting of KPI values.</summary>
internal sealed class ReportLabels
{
    /// <summary>The label keys; each is <c>Report_</c> + key in the resx files (<c>Localization/Strings.resx</c> and its zh-Hans twin).</summary>
    private static readonly string[] LabelKeys =
    [
        "title", "targets", "other", "csatDistribution", "themes", "churn", "ok", "miss", "noData", "noTarget",
        "none", "unassigned", "hours", "tickets", "surveys", "customersAtStart", "customersLost", "comments", "example", "score",
        "trend", "followUp", "target", "allMet", "someMissed", "AverageFirstResponse", "FirstResponseWithinTarget", "WallClock", "BusinessHours", "Mixed",
        "partOf", "FirstContactResolution", "ResolutionRate", "RepeatContactRate", "SlaBreachRate", "CsatAverage", "Nps", "ChurnRate", "dimensions", "breachByMetric",
        "firstResponse", "resolution", "revisit", "revisitJudged", "plans", "planRow", "assets", "assetRow", "Team", "Agent",
        "Tier", "Region", "Month", "completeness", "completenessNone", "completeRow", "mostMissing", "missingRow", "required", "recommended",
        "byManager", "managerRow", "someMet", "notChecked", "noTargets", "channelCheck", "calendarGap",
    ];

    /// <summary>The satisfaction dimensions with a translated name (<c>ReportDimension_</c> + property name in the resx files), by code.</summary>
    private static readonly Dictionary<string, string> DimensionNames = new(StringComparer.Ordinal)
    {
        [Satisfaction.SatisfactionDimension.ResponseSpeed.Code] = "ReportDimension_ResponseSpeed",
        [Satisfaction.SatisfactionDimension.Resolution.Code] = "ReportDimension_Resolution",
        [Satisfaction.SatisfactionDimension.SolutionQuality.Code] = "ReportDimension_SolutionQuality",
        [Satisfaction.SatisfactionDimension.Communication.Code] = "ReportDimension_Communication",
        [Satisfaction.SatisfactionDimension.Price.Code] = "ReportDimension_Price",
    };

    private ReportLabels(bool chinese) => IsChinese = chinese;

    /// <summary>True for simplified Chinese.</summary>
    public bool IsChinese { get; }

    /// <summary>The HTML language tag.</summary>
    public string LanguageTag => IsChinese ? "zh-Hans" : "en";

    /// <summary>The separator between listed items.</summary>
    public string ListSeparator => IsChinese ? "，" : ", ";

    /// <summary>The separator before an explanation.</summary>
    public string Colon => IsChinese ? "：" : ": ";

    /// <summary>All label keys, for tests.</summary>
    public static IEnumerable<string> Keys => LabelKeys;

    public string this[string key] =>
        Localization.Strings.Find("Report_" + key, Culture) ?? throw new KeyNotFoundException($"The report label '{key}' is not in the resx files.");

    private CultureInfo Culture => IsChinese ? Localization.TextCultures.SimplifiedChinese : CultureInfo.InvariantCulture;

    /// <summary>The warning that a calendar's holiday data leaves days of the report month uncovered.</summary>
    public string CalendarGap(CalendarGap gap, NodaTime.YearMonth month) =>
        string.Format(
            CultureInfo.InvariantCulture,
            this["calendarGap"],
            gap.Calendar,
            gap.Coverage.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            gap.Coverage.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            gap.DaysOutside,
            month.ToString("yyyy-MM", CultureInfo.InvariantCulture));

    public static ReportLabels For(CultureInfo? culture)
    {
        return new ReportLabels(Localization.TextCultures.IsSimplifiedChinese(culture));
    }

    /// <summary>
    /// The name of a KPI; the average first response also names the one clock it was measured on (from <paramref name="totals"/>),
    /// for example "average first response (business hours)". (The within-target share is not labelled: SLA-engine flags,
    /// when given, judge it whatever the clock.)
    /// </summary>
    public string Kpi(KpiKind kind, ServiceKpis? totals = null)
    {
        if (kind != KpiKind.AverageFirstResponse || totals is null)
        {
            return this[kind.ToString()];
        }

        var clock = this[totals.HeadlineFirstResponseClock.ToString()];
        if (totals.FirstResponseClock == FirstResponseClock.Mixed)
        {
            clock += ListSeparator + string.Format(CultureInfo.InvariantCulture, this["partOf"], totals.RespondedInBusinessTimeCount, totals.RespondedCount);
        }

        return this[kind.ToString()] + (IsChinese ? "（" : " (") + clock + (IsChinese ? "）" : ")");
    }

    /// <summary>The average first response named with a clock and nothing else, for example "average first response (business hours)"
    /// (a per-channel figure is over the channel's own tickets, so the headline's "5 of 47 answered tickets" does not apply to it).</summary>
    public string FirstResponseOn(FirstResponseClock clock) =>
        this[nameof(KpiKind.AverageFirstResponse)] + (IsChinese ? "（" : " (") + this[clock.ToString()] + (IsChinese ? "）" : ")");

    public string Dimension(KpiDimension dimension) => this[dimension.ToString()];

    /// <summary>The name of a satisfaction dimension: translated for the well-known ones, the code for a host's own.</summary>
    public string SatisfactionDimension(Satisfaction.SatisfactionDimension dimension) =>
        DimensionNames.TryGetValue(dimension.Code, out var key) ? Localization.Strings.Find(key, Culture) ?? dimension.Code : dimension.Code;

    /// <summary>The name of a customer field of the completeness check.</summary>
    public string Field(Completeness.CustomerDataField field) => Localization.DisplayNames.Of(field, Culture);

    public string SliceKey(string key) => key.Length == 0 ? this["unassigned"] : key;

    /// <summary>The display name of a channel code (<c>OnlineChat</c> → Online chat / 在线客服); the code itself for a host's own.</summary>
    public string Channel(string code) => code.Length == 0 ? this["unassigned"] : Localization.DisplayNames.Of(new Tickets.Channel(code), Culture);

    /// <summary>
    /// The one-line verdict on the targets, the one wording of the text report, the HTML page and the .xlsx workbook: every target
    /// (per-channel ones included) met; how many were missed, by name; and how many could not be checked for lack of data, by name,
    /// which is never "met". Targets are named as <see cref="TargetName"/> names them, in the report's order.
    /// </summary>
    public string Verdict(MonthlyReport report)
    {
        var checks = report.Checks.Concat(report.ChannelChecks).Select(c => (Name: TargetName(c, report.Kpis.Totals), c.Met)).ToList();
        var missed = checks.Where(c => c.Met == false).Select(c => c.Name).ToList();
        var open = checks.Where(c => c.Met is null).Select(c => c.Name).ToList();
        var verdict = (checks.Count, missed.Count, open.Count) switch
        {
            (0, _, _) => this["noTargets"],
            (_, 0, 0) => Format("allMet", checks.Count),
            (_, 0, _) => Format("someMet", checks.Count - open.Count, checks.Count),
            _ => Format("someMissed", missed.Count, checks.Count, string.Join(NameSeparator, missed)),
        };
        return open.Count == 0
            ? verdict
            : verdict + (IsChinese ? string.Empty : " ") + Format("notChecked", open.Count, checks.Count, string.Join(NameSeparator, open));
    }

    /// <summary>The name of a checked target in the verdict: the KPI's name (<see cref="Kpi"/>), or for a per-channel target
    /// "first response, Online chat" / 首次响应（在线客服）.</summary>
    public string TargetName(TargetCheck check, ServiceKpis totals) =>
        check.Channel is { } channel ? Format("channelCheck", Channel(channel)) : Kpi(check.Target.Kind, totals);

    /// <summary>The separator between the targets named in the verdict.</summary>
    private string NameSeparator => IsChinese ? "、" : ", ";

    private string Format(string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    /// <summary>Formats a KPI value in its unit: percent for rates, hours for first response, two decimals for CSAT, signed NPS.</summary>
    public string Value(KpiKind kind, double value) => kind switch
    {
        KpiKind.AverageFirstResponse => Number(value, "0.##") + " " + this["hours"],
        KpiKind.CsatAverage => Number(value, "0.00"),
        KpiKind.Nps => (value > 0 ? "+" : string.Empty) + Number(value, "0.#"),
        _ => Number(value * 100, "0.#") + "%",
    };

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
