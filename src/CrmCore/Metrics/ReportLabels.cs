using System.Globalization;

namespace CrmCore.Metrics;

/// <summary>The words of the monthly report in English and simplified Chinese, and the formatting of KPI values.</summary>
internal sealed class ReportLabels
{
    private static readonly Dictionary<string, (string En, string Zh)> Table = new(StringComparer.Ordinal)
    {
        ["title"] = ("Monthly service report", "月度服务报告"),
        ["targets"] = ("KPIs against targets", "关键指标与目标对比"),
        ["other"] = ("Other KPIs and volume", "其他指标与业务量"),
        ["csatDistribution"] = ("CSAT distribution", "满意度评分分布"),
        ["themes"] = ("Top negative themes", "主要负面反馈主题"),
        ["churn"] = ("Customers at high churn risk", "高流失风险客户"),
        ["ok"] = ("OK", "达标"),
        ["miss"] = ("MISS", "未达标"),
        ["noData"] = ("no data", "无数据"),
        ["noTarget"] = ("no target", "无目标"),
        ["none"] = ("none", "无"),
        ["unassigned"] = ("(unassigned)", "(未指定)"),
        ["hours"] = ("h", "小时"),
        ["tickets"] = ("tickets", "工单"),
        ["surveys"] = ("surveys", "问卷"),
        ["customersAtStart"] = ("customers at start of month", "月初客户数"),
        ["customersLost"] = ("customers lost", "流失客户数"),
        ["comments"] = ("comments", "条评论"),
        ["example"] = ("e.g.", "例如"),
        ["score"] = ("score", "评分"),
        ["trend"] = ("change", "变化"),
        ["followUp"] = ("supervisor call due", "主管回访截止"),
        ["target"] = ("target", "目标"),
        ["allMet"] = ("All targets met.", "全部目标达成。"),
        ["someMissed"] = ("Targets missed: {0}.", "未达成目标：{0} 项。"),
        [nameof(KpiKind.AverageFirstResponse)] = ("average first response", "平均首次响应时间"),
        [nameof(KpiKind.FirstResponseWithinTarget)] = ("first response within target", "首次响应达标率"),
        [nameof(FirstResponseClock.WallClock)] = ("wall clock", "自然时间"),
        [nameof(FirstResponseClock.BusinessHours)] = ("business hours", "工作时间"),
        [nameof(FirstResponseClock.Mixed)] = ("business hours and wall clock mixed", "工作时间与自然时间混合"),
        ["partOf"] = ("{0} of {1} answered tickets", "已响应工单 {1} 张中的 {0} 张"),
        [nameof(KpiKind.FirstContactResolution)] = ("first-contact resolution", "首次接触解决率"),
        [nameof(KpiKind.ResolutionRate)] = ("resolution rate", "问题解决率"),
        [nameof(KpiKind.RepeatContactRate)] = ("repeat-contact rate", "重复联系率"),
        [nameof(KpiKind.SlaBreachRate)] = ("SLA breach rate", "超时率"),
        [nameof(KpiKind.CsatAverage)] = ("CSAT average", "平均满意度"),
        [nameof(KpiKind.Nps)] = ("NPS", "净推荐值"),
        [nameof(KpiKind.ChurnRate)] = ("churn rate", "客户流失率"),
        ["dimensions"] = ("Satisfaction by dimension", "各维度满意度"),
        ["breachByMetric"] = ("SLA breach rate by metric", "各时限超时率"),
        ["firstResponse"] = ("first response", "首次响应"),
        ["resolution"] = ("resolution", "解决"),
        ["revisit"] = ("revisit", "回访"),
        ["revisitJudged"] = ("revisit judged on {0} tickets", "回访按 {0} 张工单计"),
        ["plans"] = ("Contact plan completion by account manager", "客户经理沟通计划完成率"),
        ["planRow"] = ("{0} of {1} done ({2}), {3} on time, {4} overdue, {5} cancelled", "完成 {0}/{1}（{2}），按时 {3}，逾期 {4}，取消 {5}"),
        ["assets"] = ("Asset models that fail most", "故障最多的资产型号"),
        ["assetRow"] = ("{0} failures in {1} installed ({2} per 100), MTBF {3} days", "在用 {1} 台中故障 {0} 次（每百台 {2} 次），平均故障间隔 {3} 天"),
        [nameof(KpiDimension.Team)] = ("team", "团队"),
        [nameof(KpiDimension.Agent)] = ("agent", "客服"),
        [nameof(KpiDimension.Tier)] = ("tier", "客户等级"),
        [nameof(KpiDimension.Region)] = ("region", "地区"),
        [nameof(KpiDimension.Month)] = ("month", "月份"),
    };

    private static readonly Dictionary<string, (string En, string Zh)> DimensionNames = new(StringComparer.Ordinal)
    {
        [Satisfaction.SatisfactionDimension.ResponseSpeed.Code] = ("response speed", "响应速度"),
        [Satisfaction.SatisfactionDimension.Resolution.Code] = ("resolution", "问题解决"),
        [Satisfaction.SatisfactionDimension.SolutionQuality.Code] = ("solution quality", "解决方案质量"),
        [Satisfaction.SatisfactionDimension.Communication.Code] = ("communication", "沟通"),
        [Satisfaction.SatisfactionDimension.Price.Code] = ("price", "价格"),
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
    public static IEnumerable<string> Keys => Table.Keys;

    public string this[string key] => IsChinese ? Table[key].Zh : Table[key].En;

    public static ReportLabels For(CultureInfo? culture)
    {
        var name = (culture ?? CultureInfo.CurrentUICulture).Name;
        return new ReportLabels(name.StartsWith("zh", StringComparison.OrdinalIgnoreCase));
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

    public string Dimension(KpiDimension dimension) => this[dimension.ToString()];

    /// <summary>The name of a satisfaction dimension: translated for the well-known ones, the code for a host's own.</summary>
    public string SatisfactionDimension(Satisfaction.SatisfactionDimension dimension) =>
        DimensionNames.TryGetValue(dimension.Code, out var name) ? (IsChinese ? name.Zh : name.En) : dimension.Code;

    public string SliceKey(string key) => key.Length == 0 ? this["unassigned"] : key;

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
