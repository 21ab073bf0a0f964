using System.Globalization;
using System.Net;
using System.Text;

namespace CrmCore.Metrics;

/// <summary>Renders a <see cref="MonthlyReport"/> as HTML with inline SVG charts.</summary>
internal static class MonthlyReportHtml
{
    private const string Met = "#2e7d32";
    private const string Missed = "#c62828";
    private const string Neutral = "#1565c0";

    public static string Render(MonthlyReport report, ReportLabels labels)
    {
        var html = new StringBuilder();
        var title = $"{labels["title"]} {report.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(labels.LanguageTag).Append("\">\n<head><meta charset=\"utf-8\"/><title>")
            .Append(E(title)).Append("</title>\n<style>body{font-family:sans-serif;max-width:56rem;margin:2rem auto}td,th{padding:.2rem .6rem;text-align:left}")
            .Append(".ok{color:").Append(Met).Append("}.miss{color:").Append(Missed).Append("}</style></head>\n<body>\n<h1>")
            .Append(E(title)).Append("</h1>\n<p>").Append(E(report.TimeZone.Id)).Append("</p>\n");

        html.Append("<h2>").Append(E(labels["targets"])).Append("</h2>\n<ul>\n");
        foreach (var check in report.Checks)
        {
            var (css, status) = check.Met switch { true => ("ok", labels["ok"]), false => ("miss", labels["miss"]), null => ("", labels["noData"]) };
            html.Append("<li class=\"").Append(css).Append("\"><strong>").Append(E(status)).Append("</strong> ")
                .Append(E(MonthlyReportText.CheckLine(check, labels, report.Kpis.Totals))).Append("</li>\n");
        }

        html.Append("</ul>\n");
        TargetChart(html, report, labels);

        html.Append("<h2>").Append(E(labels["csatDistribution"])).Append("</h2>\n");
        DistributionChart(html, report.Satisfaction.CsatDistribution, labels);

        if (report.Satisfaction.DimensionAverages.Count > 0)
        {
            html.Append("<h2>").Append(E(labels["dimensions"])).Append("</h2>\n<table>\n");
            foreach (var (dimension, average) in report.Satisfaction.DimensionAverages)
            {
                html.Append("<tr><td>").Append(E(labels.SatisfactionDimension(dimension))).Append("</td><td>")
                    .Append(E(labels.Value(KpiKind.CsatAverage, average))).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>").Append(E(labels["themes"])).Append("</h2>\n<ol>\n");
        foreach (var theme in report.Satisfaction.NegativeThemes)
        {
            html.Append("<li><strong>").Append(E(theme.Term)).Append("</strong> (").Append(theme.Count).Append(' ').Append(E(labels["comments"])).Append(')');
            if (theme.Examples.Count > 0)
            {
                html.Append(" — <q>").Append(E(theme.Examples[0])).Append("</q>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ol>\n");
        if (report.Satisfaction.NegativeThemes.Count == 0)
        {
            html.Append("<p>").Append(E(labels["none"])).Append("</p>\n");
        }

        html.Append("<h2>").Append(E(labels["churn"])).Append("</h2>\n");
        if (report.HighRiskCustomers.Count == 0)
        {
            html.Append("<p>").Append(E(labels["none"])).Append("</p>\n");
        }
        else
        {
            var culture = labels.IsChinese ? CultureInfo.GetCultureInfo("zh-Hans") : CultureInfo.InvariantCulture;
            html.Append("<table>\n");
            foreach (var risk in report.HighRiskCustomers)
            {
                var reasons = string.Join(labels.ListSeparator, risk.Factors.Select(f => f.ReasonFor(culture)));
                html.Append("<tr><td>").Append(E(risk.Customer.Value)).Append("</td><td>").Append(risk.Score)
                    .Append("</td><td>").Append(risk.Trend is { } t ? (t > 0 ? "+" : string.Empty) + t.ToString(CultureInfo.InvariantCulture) : string.Empty)
                    .Append("</td><td>").Append(E(reasons))
                    .Append("</td><td>").Append(risk.FollowUpDue is { } due ? E(labels["followUp"] + labels.Colon + MonthlyReportText.LocalTime(due, report.TimeZone)) : string.Empty)
                    .Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static void TargetChart(StringBuilder html, MonthlyReport report, ReportLabels labels)
    {
        var rows = report.Checks.Where(c => c.Actual.HasValue).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        const int rowHeight = 28, labelWidth = 220, barWidth = 300;
        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(labelWidth + barWidth + 160)
            .Append("\" height=\"").Append((rows.Count * rowHeight) + 10).Append("\"><title>").Append(E(labels["targets"])).Append("</title>\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var check = rows[i];
            var actual = check.Actual!.Value;
            var scale = Math.Max(Math.Abs(actual), Math.Abs(check.Target.Value)) * 1.25;
            scale = scale == 0 ? 1 : scale;
            var y = (i * rowHeight) + 5;
            var width = Px(barWidth * Math.Abs(actual) / scale);
            var targetX = Px(labelWidth + (barWidth * Math.Abs(check.Target.Value) / scale));
            var kind = check.Target.Kind;
            html.Append("<text x=\"0\" y=\"").Append(y + 16).Append("\" font-size=\"13\">").Append(E(labels.Kpi(kind, report.Kpis.Totals))).Append("</text>")
                .Append("<rect x=\"").Append(labelWidth).Append("\" y=\"").Append(y).Append("\" width=\"").Append(width)
                .Append("\" height=\"20\" fill=\"").Append(check.Met == true ? Met : Missed).Append("\"/>")
                .Append("<line x1=\"").Append(targetX).Append("\" x2=\"").Append(targetX).Append("\" y1=\"").Append(y - 3)
                .Append("\" y2=\"").Append(y + 23).Append("\" stroke=\"#000\" stroke-width=\"2\"/>")
                .Append("<text x=\"").Append(labelWidth + barWidth + 8).Append("\" y=\"").Append(y + 16).Append("\" font-size=\"13\">")
                .Append(E($"{labels.Value(kind, actual)} / {labels["target"]} {labels.Value(kind, check.Target.Value)}")).Append("</text>\n");
        }

        html.Append("</svg>\n");
    }

    private static void DistributionChart(StringBuilder html, IReadOnlyList<int> distribution, ReportLabels labels)
    {
        const int barWidth = 48, gap = 16, height = 160;
        var highest = Math.Max(1, distribution.Max());
        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append((5 * (barWidth + gap)) + gap)
            .Append("\" height=\"").Append(height + 40).Append("\"><title>").Append(E(labels["csatDistribution"])).Append("</title>\n");
        for (var score = 1; score <= 5; score++)
        {
            var count = distribution[score - 1];
            var barHeight = Px(height * (double)count / highest);
            var x = gap + ((score - 1) * (barWidth + gap));
            html.Append("<rect x=\"").Append(x).Append("\" y=\"").Append(Px(height - (height * (double)count / highest) + 16))
                .Append("\" width=\"").Append(barWidth).Append("\" height=\"").Append(barHeight).Append("\" fill=\"").Append(Neutral).Append("\"/>")
                .Append("<text x=\"").Append(x + (barWidth / 2)).Append("\" y=\"").Append(Px(height - (height * (double)count / highest) + 12))
                .Append("\" font-size=\"12\" text-anchor=\"middle\">").Append(count).Append("</text>")
                .Append("<text x=\"").Append(x + (barWidth / 2)).Append("\" y=\"").Append(height + 34)
                .Append("\" font-size=\"13\" text-anchor=\"middle\">").Append(score).Append("</text>\n");
        }

        html.Append("</svg>\n");
    }

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
