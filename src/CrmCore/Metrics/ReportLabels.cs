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
        "byManager", "managerRow", "someMet", "notChecked", "noTargets",
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

    private CultureInfo Culture => IsChinese ? CultureInfo.GetCultureInfo("zh-Hans") : CultureInfo.InvariantCulture;

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
    /// The one-line verdict on the targets, the same in the text and the HTML report: every target (per-channel ones included) met;
    /// how many were missed; and how many could not be checked for lack of data, which is never "met".
    /// </summary>
    public string Verdict(MonthlyReport report)
    {
        var (total, missed, open) = (report.TargetCount, report.TargetsMissed, report.TargetsNotChecked);
        var notChecked = open == 0 ? string.Empty : (IsChinese ? string.Empty : " ") + string.Format(CultureInfo.InvariantCulture, this["notChecked"], open, total);
        return (total, missed, open) switch
        {
            (0, _, _) => this["noTargets"],
            (_, 0, 0) => this["allMet"],
            (_, 0, _) => string.Format(CultureInfo.InvariantCulture, this["someMet"], total - open, total) + notChecked,
            _ => string.Format(CultureInfo.InvariantCulture, this["someMissed"], missed) + notChecked,
        };
    }

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
