using System.Globalization;
using System.Net;
using System.Text;
using CrmCore.Metrics;
using CrmCore.Reporting.Localization;

namespace CrmCore.Reporting.Html;

/// <summary>
/// Renders a <see cref="MonthlyReport"/> as one self-contained HTML page: no scripts, no network, charts as inline SVG, print
/// styles for A4. Sections: summary, every KPI against its target with the gap in words and numbers, trends, month over month,
/// CSAT, breakdowns worst first, negative themes, churn risk, contact plans, asset models, customer data completeness, and footnotes on what each KPI counts. Thread-safe.
/// </summary>
public static class MonthlyReportHtml
{
    /// <summary>How many slices each breakdown table shows; the .xlsx workbook has them all. 12.</summary>
    public const int MaxBreakdownRows = 12;

    private const string Style =
        "*{box-sizing:border-box}"
        + "body{font-family:\"Noto Sans CJK SC\",\"WenQuanYi Micro Hei\",\"Microsoft YaHei\",\"PingFang SC\",system-ui,sans-serif;color:#111;max-width:60rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45}"
        + "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:2px solid #1f3b57}h3{font-size:1rem;margin:1rem 0 .3rem}"
        + "table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:middle;overflow-wrap:break-word}"
        + "th{background:#eef1f4}td{overflow-wrap:anywhere}td:first-child{min-width:12em}td.num{text-align:right;white-space:nowrap}th.num{text-align:right;min-width:4.5em}td.chart{width:236px}tr.sub td:first-child{padding-left:1.4rem}"
        + ".met{font-weight:600}.missed{font-weight:700;color:#8a0016}.missed::before{content:\"✗ \"}.met::before{content:\"✓ \"}"
        + ".summary{font-size:1.05rem;padding:.5rem .7rem;border:2px solid #1f3b57;border-radius:4px}.summary.bad{border-color:#8a0016}"
        + "svg{font-size:10px;font-family:inherit;max-width:100%;height:auto}svg.chart{width:100%;max-width:720px;font-size:12px;display:block}svg.defs{position:absolute}"
        + "figure{margin:.5rem 0 1rem}figcaption{font-size:.85rem;color:#333}"
        + ".legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;font-size:.85rem;margin:.4rem 0}.legend span{display:inline-flex;align-items:center;gap:.35rem}"
        + ".sw{display:inline-block;width:1.6rem;height:.8rem;border:1px solid #444}.sw.met{background:#1f3b57}.sw.none{background:#8a8a8a}"
        + ".sw.missed{background:repeating-linear-gradient(45deg,#fff 0 2px,#b00020 2px 4px);border-color:#b00020}.sw.target{border:0;border-left:2px dashed #000;width:.2rem;height:1rem}"
        + ".sw::before{content:none}.note{font-size:.85rem;color:#333}ol.fn{font-size:.85rem}q{font-style:italic}"
        + "@media print{@page{size:A4;margin:14mm 12mm}body{max-width:none;margin:0;padding:0;font-size:10pt}"
        + "h2{break-after:avoid}figure,tr{break-inside:avoid}thead{display:table-header-group}section{break-inside:auto}"
        + "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

    /// <summary>Renders the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="culture">Simplified Chinese for any <c>zh</c> culture, English otherwise; null means <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The HTML document; all data is HTML-encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string Render(MonthlyReport report, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = ReportLabels.For(culture);
        var text = ReportStrings.For(culture);
        var html = new StringBuilder();
        var month = report.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var title = $"{labels["title"]} {month}";
        var totals = report.Kpis.Totals;
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(labels.LanguageTag).Append("\">\n<head><meta charset=\"utf-8\"/>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>").Append(E(title)).Append("</title>\n<style>")
            .Append(Style).Append("</style></head>\n<body>\n").Append(SvgCharts.Definitions).Append('\n');
        html.Append("<header><h1>").Append(E(title)).Append("</h1><p class=\"note\">")
            .Append(E(text.Format("Subtitle", report.TimeZone.Id, text.TargetSource(report.TargetSource), totals.TicketCount, totals.SurveyCount, totals.CustomersAtStart)))
            .Append("</p></header>\n");

        var rows = KpiRow.For(report, totals, labels, text);
        Summary(html, report, labels);
        KpiTable(html, report, rows, labels, text);
        ChannelFirstResponse(html, report, labels, text);
        Trends(html, report, labels, text);
        MonthOverMonth(html, report, rows, labels, text);
        Satisfaction(html, report, labels, text);
        Breakdowns(html, report, labels, text);
        Themes(html, report, text);
        Churn(html, report, labels, text);
        Plans(html, report, labels, text);
        Assets(html, report, labels, text);
        Completeness(html, report, labels, text);
        Footnotes(html, text);
        return html.Append("</body>\n</html>\n").ToString();
    }

    // The verdict is the text report's and the workbook's (ReportLabels.Verdict): every target counted, per-channel ones included; a
    // target without data is never "met".
    private static void Summary(StringBuilder html, MonthlyReport report, ReportLabels labels)
    {
        html.Append("<section id=\"summary\">");
        foreach (var gap in report.CalendarGaps)
        {
            html.Append("<p class=\"summary bad calendar-gap\" role=\"alert\">").Append(E(labels.CalendarGap(gap, report.Month))).Append("</p>");
        }

        html.Append("<p class=\"summary").Append(report.TargetsMissed > 0 ? " bad" : string.Empty).Append("\">")
            .Append(E(labels.Verdict(report))).Append("</p></section>\n");
    }

    private static void KpiTable(StringBuilder html, MonthlyReport report, IReadOnlyList<KpiRow> rows, ReportLabels labels, ReportStrings text)
    {
        html.Append("<section id=\"kpis\"><h2>").Append(E(text["KpiSection"])).Append("</h2>\n");
        html.Append("<div class=\"legend\" role=\"note\"><strong>").Append(E(text["Legend"])).Append("</strong>")
            .Append("<span><i class=\"sw met\"></i>").Append(E(text["LegendMet"])).Append("</span>")
            .Append("<span><i class=\"sw missed\"></i>").Append(E(text["LegendMissed"])).Append("</span>")
            .Append("<span><i class=\"sw none\"></i>").Append(E(text["LegendNoTarget"])).Append("</span>")
            .Append("<span><i class=\"sw target\"></i>").Append(E(text["LegendTarget"])).Append("</span>")
            .Append("<span>").Append(E(text["LegendZero"])).Append("</span></div>\n");
        html.Append("<table class=\"kpis\"><thead><tr><th>").Append(E(text["ColKpi"])).Append("</th><th class=\"num\">").Append(E(text["ColActual"]))
            .Append("</th><th class=\"num\">").Append(E(text["ColTarget"])).Append("</th><th>").Append(E(text["ColGap"])).Append("</th><th>")
            .Append(E(text["ColChart"])).Append("</th><th class=\"num\">").Append(E(text["ColSample"])).Append("</th></tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            var state = row.Met switch { true => "met", false => "missed", null => string.Empty };
            html.Append("<tr data-kpi=\"").Append(row.Id).Append("\"").Append(row.IsSubRow ? " class=\"sub\"" : string.Empty).Append("><td>")
                .Append(E(row.Label)).Append("</td><td class=\"num\">").Append(E(row.Actual is { } a ? labels.Value(row.Kind, a) : text["NoData"]))
                .Append("</td><td class=\"num\">").Append(E(row.Target is { } t ? (t.LowerIsBetter ? "≤ " : "≥ ") + labels.Value(row.Kind, t.Value) : "—"))
                .Append("</td><td class=\"").Append(state).Append("\">").Append(E(row.Gap(text)))
                .Append("</td><td class=\"chart\">").Append(SvgCharts.KpiBar(row, labels))
                .Append("</td><td class=\"num\">").Append(row.Sample.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        var totals = report.Kpis.Totals;
        if (totals.HeadlineFirstResponseClock == FirstResponseClock.BusinessHours && totals.AverageFirstResponseWallClock is { } wall)
        {
            html.Append("<p class=\"note\">").Append(E(text.Format("WallClockAverage", totals.RespondedCount, labels.Value(KpiKind.AverageFirstResponse, wall.TotalHours))))
                .Append("</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void Trends(StringBuilder html, MonthlyReport report, ReportLabels labels, ReportStrings text)
    {
        html.Append("<section id=\"trends\"><h2>").Append(E(text["TrendsSection"])).Append("</h2>\n");
        string? DayLabel(int i) => i % 7 == 0 ? (i + 1).ToString(CultureInfo.InvariantCulture) : null;
        var days = report.Daily;
        Figure(
            html,
            text["TrendVolume"],
            SvgCharts.Columns(days.Select((d, i) => (DayLabel(i), (double)d.Kpis.TicketCount)).ToList(), showValues: false, text["TrendVolume"]),
            text["AxisFromZero"]);

        var breach = report.Targets.FirstOrDefault(t => t.Kind == KpiKind.SlaBreachRate);
        Figure(
            html,
            text["TrendSla"],
            SvgCharts.Line(
                days.Select((d, i) => (DayLabel(i), d.Kpis.SlaBreachRate is { } r ? 1 - r : (double?)null)).ToList(),
                0,
                1,
                breach is null ? null : 1 - breach.Value,
                v => v.ToString("0%", CultureInfo.InvariantCulture),
                text["TrendSla"]),
            text["AxisFromZero"] + " " + text["GapDays"] + (breach is null ? string.Empty : " " + text.Format("TargetLine", labels.Value(KpiKind.ResolutionRate, 1 - breach.Value))));

        var csat = report.Targets.FirstOrDefault(t => t.Kind == KpiKind.CsatAverage);
        Figure(
            html,
            text["TrendCsat"],
            SvgCharts.Line(
                days.Select((d, i) => (DayLabel(i), d.Kpis.CsatAverage)).ToList(),
                1,
                5,
                csat?.Value,
                v => v.ToString("0.#", CultureInfo.InvariantCulture),
                text["TrendCsat"]),
            text["AxisFromOne"] + " " + text["GapDays"] + (csat is null ? string.Empty : " " + text.Format("TargetLine", labels.Value(KpiKind.CsatAverage, csat.Value))));
        html.Append("</section>\n");
    }

    private static void MonthOverMonth(StringBuilder html, MonthlyReport report, IReadOnlyList<KpiRow> rows, ReportLabels labels, ReportStrings text)
    {
        html.Append("<section id=\"mom\"><h2>").Append(E(text["MomSection"])).Append("</h2>\n");
        if (report.PreviousMonth is not { } previous)
        {
            html.Append("<p class=\"note\">").Append(E(text["MomNone"])).Append("</p></section>\n");
            return;
        }

        var before = KpiRow.For(report, previous.Totals, labels, text);
        html.Append("<table><thead><tr><th>").Append(E(text["ColKpi"])).Append("</th><th class=\"num\">")
            .Append(E(previous.From.ToString("yyyy-MM", CultureInfo.InvariantCulture))).Append("</th><th class=\"num\">")
            .Append(E(report.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture))).Append("</th><th>").Append(E(text["ColChange"]))
            .Append("</th></tr></thead><tbody>\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var (now, then) = (rows[i], before[i]);
            html.Append("<tr><td>").Append(E(now.Label)).Append("</td><td class=\"num\">").Append(E(Value(then, labels, text)))
                .Append("</td><td class=\"num\">").Append(E(Value(now, labels, text))).Append("</td><td>").Append(E(Change(now, then, text))).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Satisfaction(StringBuilder html, MonthlyReport report, ReportLabels labels, ReportStrings text)
    {
        html.Append("<section id=\"csat\"><h2>").Append(E(text["CsatSection"])).Append("</h2>\n");
        var distribution = report.Satisfaction.CsatDistribution;
        Figure(
            html,
            text["CsatSection"],
            SvgCharts.Columns(distribution.Select((count, i) => ((string?)(i + 1).ToString(CultureInfo.InvariantCulture), (double)count)).ToList(), showValues: true, text["CsatSection"]),
            text["CsatAxis"]);
        if (report.Satisfaction.DimensionAverages.Count > 0)
        {
            html.Append("<h3>").Append(E(text["DimensionsSection"])).Append("</h3><table><thead><tr><th>").Append(E(text["ColDimension"]))
                .Append("</th><th class=\"num\">").Append(E(text["ColAverage"])).Append("</th></tr></thead><tbody>\n");
            foreach (var (dimension, average) in report.Satisfaction.DimensionAverages.OrderBy(d => d.Value))
            {
                html.Append("<tr><td>").Append(E(labels.SatisfactionDimension(dimension))).Append("</td><td class=\"num\">")
                    .Append(E(labels.Value(KpiKind.CsatAverage, average))).Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Breakdowns(StringBuilder html, MonthlyReport report, ReportLabels labels, ReportStrings text)
    {
        html.Append("<section id=\"breakdowns\"><h2>").Append(E(text["BreakdownSection"])).Append("</h2><p class=\"note\">")
            .Append(E(text["BreakdownNote"] + " " + text.Format("BreakdownClockNote", labels[report.FirstResponseClock.ToString()]))).Append("</p>\n");
        foreach (var dimension in MonthlyReport.BreakdownDimensions)
        {
            var slices = report.Breakdown(dimension).Where(s => s.Kpis.TicketCount > 0).ToList();
            if (slices.Count == 0)
            {
                continue;
            }

            var heading = DimensionName(dimension, labels, text);
            html.Append("<h3>").Append(E(char.ToUpperInvariant(heading[0]) + heading[1..])).Append("</h3>\n<table class=\"breakdown\" data-dimension=\"")
                .Append(dimension).Append("\"><thead><tr><th>").Append(E(text["ColSlice"])).Append("</th><th class=\"num\">").Append(E(text["ColTickets"]))
                .Append("</th><th class=\"num\">").Append(E(text["ColMissed"])).Append("</th>");
            foreach (var kind in BreakdownKpis)
            {
                html.Append("<th class=\"num\">").Append(E(labels.Kpi(kind))).Append("</th>");
                if (kind == KpiKind.AverageFirstResponse)
                {
                    html.Append("<th class=\"num\">").Append(E(text["ColFrSample"])).Append("</th>");
                }
            }

            html.Append("</tr></thead><tbody>\n");
            foreach (var slice in slices.Take(MaxBreakdownRows))
            {
                var missed = report.MissedTargets(slice.Kpis);
                html.Append("<tr><td>").Append(E(SliceName(dimension, slice.Key, labels, text))).Append("</td><td class=\"num\">").Append(slice.Kpis.TicketCount)
                    .Append("</td><td class=\"num").Append(missed > 0 ? " missed" : string.Empty).Append("\">").Append(missed).Append("</td>");
                foreach (var kind in BreakdownKpis)
                {
                    var value = report.SliceValue(slice.Kpis, kind);
                    var target = report.Targets.FirstOrDefault(t => t.Kind == kind);
                    var bad = value is { } v && target is { } t && !t.IsMetBy(v);
                    html.Append("<td class=\"num").Append(bad ? " missed" : string.Empty).Append("\">")
                        .Append(E(value is { } x ? labels.Value(kind, x) : kind == KpiKind.AverageFirstResponse ? text["NoData"] : "—")).Append("</td>");
                    if (kind == KpiKind.AverageFirstResponse)
                    {
                        html.Append("<td class=\"num\">").Append(report.SliceSampleSize(slice.Kpis, kind).ToString(CultureInfo.InvariantCulture)).Append("</td>");
                    }
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody></table>\n");
            if (slices.Count > MaxBreakdownRows)
            {
                html.Append("<p class=\"note\">").Append(E(text.Format("BreakdownMore", slices.Count - MaxBreakdownRows))).Append("</p>\n");
            }
        }

        html.Append("</section>\n");
    }

    private static void Themes(StringBuilder html, MonthlyReport report, ReportStrings text)
    {
        html.Append("<section id=\"themes\"><h2>").Append(E(text["ThemesSection"])).Append("</h2>\n");
        if (report.Satisfaction.NegativeThemes.Count == 0)
        {
            html.Append("<p>").Append(E(text["None"])).Append("</p></section>\n");
            return;
        }

        html.Append("<table><thead><tr><th>").Append(E(text["ColTheme"])).Append("</th><th class=\"num\">").Append(E(text["ColComments"]))
            .Append("</th><th>").Append(E(text["ColExamples"])).Append("</th></tr></thead><tbody>\n");
        foreach (var theme in report.Satisfaction.NegativeThemes)
        {
            html.Append("<tr><td>").Append(E(theme.Term)).Append("</td><td class=\"num\">").Append(theme.Count).Append("</td><td>")
                .AppendJoin("<br/>", theme.Examples.Take(2).Select(e => "<q>" + E(e) + "</q>")).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Churn(StringBuilder html, MonthlyReport report, ReportLabels labels, ReportStrings text)
    {
        html.Append("<section id=\"churn\"><h2>").Append(E(text["ChurnSection"])).Append("</h2>\n");
        if (report.HighRiskCustomers.Count == 0)
        {
            html.Append("<p>").Append(E(text["None"])).Append("</p></section>\n");
            return;
        }

        html.Append("<table><thead><tr><th>").Append(E(text["ColCustomer"])).Append("</th><th class=\"num\">").Append(E(text["ColScore"]))
            .Append("</th><th class=\"num\">").Append(E(text["ColTrend"])).Append("</th><th>").Append(E(text["ColReasons"])).Append("</th><th>")
            .Append(E(text["ColFollowUp"])).Append("</th></tr></thead><tbody>\n");
        foreach (var risk in report.HighRiskCustomers)
        {
            html.Append("<tr><td>").Append(E(risk.Customer.Value)).Append("</td><td class=\"num\">").Append(risk.Score).Append("</td><td class=\"num\">")
                .Append(risk.Trend is { } t ? (t > 0 ? "+" : string.Empty) + t.ToString(CultureInfo.InvariantCulture) : "—").Append("</td><td>")
                .Append(E(string.Join(labels.ListSeparator, risk.Factors.Select(f => f.ReasonFor(text.Culture)))))
                .Append("</td><td>").Append(risk.FollowUpDue is { } due ? E(due.InZone(report.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)) : "—")
                .Append("</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void ChannelFirstResponse(StringBuilder html, MonthlyReport report, ReportLabels labels, ReportStrings text)
    {
        if (report.ChannelChecks.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"channel-fr\"><h2>").Append(E(text["ChannelFrSection"])).Append("</h2><p class=\"note\">")
            .Append(E(text.Format("ChannelFrNote", text.TargetSource(report.TargetSource), labels[report.FirstResponseClock.ToString()]))).Append("</p>\n");
        html.Append("<table class=\"channel-fr\"><thead><tr><th>").Append(E(text["ColChannel"])).Append("</th><th class=\"num\">").Append(E(text["ColAverageFr"]))
            .Append("</th><th class=\"num\">").Append(E(text["ColTarget"])).Append("</th><th>").Append(E(text["ColGap"])).Append("</th><th>")
            .Append(E(text["ColChart"])).Append("</th><th class=\"num\">").Append(E(text["ColSample"])).Append("</th></tr></thead><tbody>\n");
        foreach (var row in KpiRow.ForChannels(report, check => SliceName(KpiDimension.Channel, check.Channel ?? string.Empty, labels, text)))
        {
            var state = row.Met switch { true => "met", false => "missed", null => string.Empty };
            html.Append("<tr data-channel=\"").Append(E(row.Channel!)).Append("\"><td>").Append(E(row.Label)).Append("</td><td class=\"num\">")
                .Append(E(row.Actual is { } a ? labels.Value(row.Kind, a) : text["NoData"])).Append("</td><td class=\"num\">≤ ")
                .Append(E(labels.Value(row.Kind, row.Target!.Value))).Append("</td><td class=\"").Append(state).Append("\">").Append(E(row.Gap(text)))
                .Append("</td><td class=\"chart\">").Append(SvgCharts.KpiBar(row, labels)).Append("</td><td class=\"num\">")
                .Append(row.Sample.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Plans(StringBuilder html, MonthlyReport report, ReportLabels labels, ReportStrings text)
    {
        html.Append("<section id=\"plans\"><h2>").Append(E(text["PlansSection"])).Append("</h2>\n");
        if (report.PlanCompletion.Count == 0)
        {
            html.Append("<p>").Append(E(text["PlansNone"])).Append("</p></section>\n");
            return;
        }

        html.Append("<p class=\"note\">").Append(E(text["PlansNote"])).Append("</p>\n<table class=\"plans\"><thead><tr><th>").Append(E(text["ColOwner"]))
            .Append("</th><th class=\"num\">").Append(E(text["ColPlanned"])).Append("</th><th class=\"num\">").Append(E(text["ColCompleted"]))
            .Append("</th><th class=\"num\">").Append(E(text["ColOnTime"])).Append("</th><th class=\"num\">").Append(E(text["ColOverdue"]))
            .Append("</th><th class=\"num\">").Append(E(text["ColCancelled"])).Append("</th><th class=\"num\">").Append(E(text["ColCompletion"]))
            .Append("</th><th>").Append(E(text["ColChart"])).Append("</th></tr></thead><tbody>\n");
        string Percent(double v) => labels.Value(KpiKind.ResolutionRate, v);
        foreach (var row in report.PlanCompletion)
        {
            var owner = row.Owner?.Value ?? text["NoOwner"];
            html.Append("<tr><td>").Append(E(owner)).Append("</td><td class=\"num\">").Append(row.Planned).Append("</td><td class=\"num\">").Append(row.Completed)
                .Append("</td><td class=\"num\">").Append(row.CompletedOnTime).Append("</td><td class=\"num").Append(row.Overdue > 0 ? " missed" : string.Empty).Append("\">")
                .Append(row.Overdue).Append("</td><td class=\"num\">").Append(row.Cancelled).Append("</td><td class=\"num\">")
                .Append(E(row.CompletionRate is { } c ? Percent(c) : "—")).Append("</td><td class=\"chart\">")
                .Append(SvgCharts.ScaleBar(row.CompletionRate, 1, owner + " " + text["ColCompletion"], Percent)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Assets(StringBuilder html, MonthlyReport report, ReportLabels labels, ReportStrings text)
    {
        html.Append("<section id=\"assets\"><h2>").Append(E(text["AssetsSection"])).Append("</h2>\n");
        if (report.WorstAssetModels.Count == 0)
        {
            html.Append("<p>").Append(E(text["AssetsNone"])).Append("</p></section>\n");
            return;
        }

        var max = SvgCharts.NiceCeiling(report.WorstAssetModels.Max(m => m.FailuresPer100Installed));
        html.Append("<p class=\"note\">").Append(E(text["AssetsNote"])).Append("</p>\n<table class=\"assets\"><thead><tr><th>").Append(E(text["ColModel"]))
            .Append("</th><th class=\"num\">").Append(E(text["ColInstalled"])).Append("</th><th class=\"num\">").Append(E(text["ColFailures"]))
            .Append("</th><th class=\"num\">").Append(E(text["ColFailureRate"])).Append("</th><th class=\"num\">").Append(E(text["ColMtbf"]))
            .Append("</th><th>").Append(E(text["ColChart"])).Append("</th></tr></thead><tbody>\n");
        string Number(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        foreach (var model in report.WorstAssetModels)
        {
            html.Append("<tr><td>").Append(E(model.Model)).Append("</td><td class=\"num\">").Append(model.Installed).Append("</td><td class=\"num\">")
                .Append(model.Failures).Append("</td><td class=\"num\">").Append(E(Number(model.FailuresPer100Installed))).Append("</td><td class=\"num\">")
                .Append(E(model.MeanTimeBetweenFailures is { } mtbf ? Number(mtbf.TotalDays) : "—")).Append("</td><td class=\"chart\">")
                .Append(SvgCharts.ScaleBar(model.FailuresPer100Installed, max, model.Model + " " + text["ColFailureRate"], Number)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Completeness(StringBuilder html, MonthlyReport report, ReportLabels labels, ReportStrings text)
    {
        html.Append("<section id=\"completeness\"><h2>").Append(E(text["CompletenessSection"])).Append("</h2>\n");
        if (report.Completeness is not { } check)
        {
            html.Append("<p>").Append(E(text["CompletenessNone"])).Append("</p></section>\n");
            return;
        }

        string Percent(double v) => labels.Value(KpiKind.ResolutionRate, v);
        html.Append("<p class=\"note\">").Append(E(text.Format("CompletenessNote", string.Join(labels.ListSeparator, check.Policy.Required.Select(labels.Field)))))
            .Append("</p>\n<table class=\"completeness\"><thead><tr><th>").Append(E(text["ColKpi"])).Append("</th><th class=\"num\">").Append(E(text["ColActual"]))
            .Append("</th><th class=\"num\">").Append(E(text["ColCustomers"])).Append("</th><th>").Append(E(text["ColChart"])).Append("</th></tr></thead><tbody>\n")
            .Append("<tr data-kpi-extra=\"completeness\"><td>").Append(E(text["CompleteRecords"])).Append("</td><td class=\"num\">").Append(E(Percent(check.CompleteShare)))
            .Append("</td><td class=\"num\">").Append(E(text.Format("OfCustomers", check.CompleteCount, check.Customers.Count))).Append("</td><td class=\"chart\">")
            .Append(SvgCharts.ScaleBar(check.CompleteShare, 1, text["CompleteRecords"], Percent)).Append("</td></tr>\n</tbody></table>\n");
        if (check.MostOftenMissing.Count > 0)
        {
            html.Append("<h3>").Append(E(text["MostMissing"])).Append("</h3>\n<table class=\"missing\"><thead><tr><th>").Append(E(text["ColField"]))
                .Append("</th><th>").Append(E(text["ColFieldKind"])).Append("</th><th class=\"num\">").Append(E(text["ColMissingIn"]))
                .Append("</th><th class=\"num\">").Append(E(text["ColShare"])).Append("</th><th>").Append(E(text["ColChart"])).Append("</th></tr></thead><tbody>\n");
            foreach (var missing in check.MostOftenMissing)
            {
                var name = labels.Field(missing.Field);
                html.Append("<tr data-field=\"").Append(missing.Field.ToString()).Append("\"><td>").Append(E(name)).Append("</td><td>").Append(E(labels[missing.Required ? "required" : "recommended"])).Append("</td><td class=\"num\">")
                    .Append(missing.Customers).Append("</td><td class=\"num\">").Append(E(Percent(missing.Share))).Append("</td><td class=\"chart\">")
                    .Append(SvgCharts.ScaleBar(missing.Share, 1, name + " " + text["ColMissingIn"], Percent)).Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        if (check.ByAccountManager.Count > 0)
        {
            html.Append("<h3>").Append(E(text["ByManager"])).Append("</h3>\n<table class=\"by-manager\"><thead><tr><th>").Append(E(text["ColOwner"]))
                .Append("</th><th class=\"num\">").Append(E(text["ColCustomers"])).Append("</th><th class=\"num\">").Append(E(text["ColComplete"]))
                .Append("</th><th class=\"num\">").Append(E(text["ColShare"])).Append("</th><th>").Append(E(text["ColMostMissing"]))
                .Append("</th><th>").Append(E(text["ColChart"])).Append("</th></tr></thead><tbody>\n");
            foreach (var row in check.ByAccountManager)
            {
                var owner = row.AccountManager?.Value ?? text["NoOwner"];
                html.Append("<tr><td>").Append(E(owner)).Append("</td><td class=\"num\">").Append(row.Customers).Append("</td><td class=\"num\">").Append(row.Complete)
                    .Append("</td><td class=\"num\">").Append(E(Percent(row.CompleteShare))).Append("</td><td>")
                    .Append(E(row.MostOftenMissing is { } field ? labels.Field(field) : "—")).Append("</td><td class=\"chart\">")
                    .Append(SvgCharts.ScaleBar(row.CompleteShare, 1, owner + " " + text["ColShare"], Percent)).Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Footnotes(StringBuilder html, ReportStrings text)
    {
        html.Append("<section id=\"footnotes\"><h2>").Append(E(text["FootnotesSection"])).Append("</h2><ol class=\"fn\">\n");
        foreach (var kind in Enum.GetValues<KpiKind>())
        {
            html.Append("<li>").Append(E(text["Fn." + kind])).Append("</li>\n");
        }

        html.Append("</ol></section>\n");
    }

    /// <summary>The KPIs shown per slice in the breakdown tables.</summary>
    internal static IReadOnlyList<KpiKind> BreakdownKpis { get; } =
        [KpiKind.AverageFirstResponse, KpiKind.SlaBreachRate, KpiKind.FirstResponseWithinTarget, KpiKind.ResolutionRate, KpiKind.FirstContactResolution, KpiKind.CsatAverage];

    internal static string DimensionName(KpiDimension dimension, ReportLabels labels, ReportStrings text) => dimension switch
    {
        KpiDimension.Channel => text["DimChannel"],
        KpiDimension.TicketType => text["DimTicketType"],
        _ => labels.Dimension(dimension),
    };

    /// <summary>A slice key for people: channel and ticket-type codes by their display names (<c>Phone</c> → 电话), others as given.</summary>
    internal static string SliceName(KpiDimension dimension, string key, ReportLabels labels, ReportStrings text) => dimension switch
    {
        _ when key.Length == 0 => labels.SliceKey(key),
        KpiDimension.Channel => CrmCore.Localization.Strings.Find("Channel_" + key, text.Culture) ?? key,
        KpiDimension.TicketType => CrmCore.Localization.Strings.Find("TicketType_" + key, text.Culture) ?? key,
        _ => key,
    };

    private static string Value(KpiRow row, ReportLabels labels, ReportStrings text) => row.Actual is { } a ? labels.Value(row.Kind, a) : text["NoData"];

    private static string Change(KpiRow now, KpiRow then, ReportStrings text)
    {
        if (now.Actual is not { } a || then.Actual is not { } b)
        {
            return "—";
        }

        var delta = a - b;
        if (Math.Abs(delta) < 1e-9)
        {
            return text["Unchanged"];
        }

        var better = (delta > 0) == KpiRow.HigherIsBetter(now.Kind);
        return (delta > 0 ? "+" : "−") + KpiRow.Amount(now.Kind, Math.Abs(delta), text) + " (" + text[better ? "Better" : "Worse"] + ")";
    }

    private static void Figure(StringBuilder html, string caption, string svg, string note) =>
        html.Append("<figure><figcaption><strong>").Append(E(caption)).Append("</strong></figcaption>").Append(svg)
            .Append("<figcaption>").Append(E(note)).Append("</figcaption></figure>\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
