using System.Globalization;
using System.Text;

namespace CrmCore.Metrics;

/// <summary>Renders a <see cref="MonthlyReport"/> as plain text.</summary>
internal static class MonthlyReportText
{
    public static string Render(MonthlyReport report, ReportLabels labels)
    {
        var text = new StringBuilder();
        var heading = $"{labels["title"]} {report.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)} ({report.TimeZone.Id})";
        text.Append(heading).Append('\n').Append('=', DisplayWidth(heading)).Append("\n\n");
        foreach (var gap in report.CalendarGaps)
        {
            text.Append("! ").Append(labels.CalendarGap(gap, report.Month)).Append('\n');
        }

        if (report.CalendarGaps.Count > 0)
        {
            text.Append('\n');
        }

        Section(text, labels["targets"]);
        foreach (var check in report.Checks)
        {
            var status = check.Met switch { true => labels["ok"], false => labels["miss"], null => labels["noData"] };
            text.Append("  [").Append(status).Append("] ").Append(CheckLine(check, labels, report.Kpis.Totals)).Append('\n');
        }

        foreach (var check in report.ChannelChecks)
        {
            var status = check.Met switch { true => labels["ok"], false => labels["miss"], null => labels["noData"] };
            text.Append("  [").Append(status).Append("] ").Append(CheckLine(check, labels, report.Kpis.Totals)).Append('\n');
        }

        text.Append("  ").Append(labels.Verdict(report)).Append("\n\n");

        Section(text, labels["other"]);
        var totals = report.Kpis.Totals;
        foreach (var kind in Enum.GetValues<KpiKind>().Where(k => report.Checks.All(c => c.Target.Kind != k)))
        {
            var value = totals.Value(kind);
            text.Append("  ").Append(labels.Kpi(kind, report.Kpis.Totals)).Append(labels.Colon)
                .Append(value is { } v ? labels.Value(kind, v) : labels["noData"]).Append('\n');
        }

        text.Append("  ").Append(labels["breachByMetric"]).Append(labels.Colon)
            .Append(labels["firstResponse"]).Append(' ').Append(Rate(totals.FirstResponseBreachRate, labels)).Append(labels.ListSeparator)
            .Append(labels["resolution"]).Append(' ').Append(Rate(totals.ResolutionBreachRate, labels)).Append(labels.ListSeparator)
            .Append(labels["revisit"]).Append(' ').Append(Rate(totals.RevisitBreachRate, labels))
            .Append(" (").Append(string.Format(CultureInfo.InvariantCulture, labels["revisitJudged"], totals.RevisitJudgedCount)).Append(")\n");

        text.Append("  ").Append(labels["tickets"]).Append(labels.Colon).Append(totals.TicketCount)
            .Append(labels.ListSeparator).Append(labels["surveys"]).Append(labels.Colon).Append(totals.SurveyCount)
            .Append(labels.ListSeparator).Append(labels["customersAtStart"]).Append(labels.Colon).Append(totals.CustomersAtStart)
            .Append(labels.ListSeparator).Append(labels["customersLost"]).Append(labels.Colon).Append(totals.CustomersLost).Append("\n\n");

        Section(text, labels["csatDistribution"]);
        var distribution = report.Satisfaction.CsatDistribution;
        var widest = Math.Max(1, distribution.Max());
        for (var score = 5; score >= 1; score--)
        {
            var count = distribution[score - 1];
            text.Append("  ").Append(score).Append(" | ").Append('#', (int)Math.Round(30.0 * count / widest)).Append(count > 0 ? " " : string.Empty).Append(count).Append('\n');
        }

        if (report.Satisfaction.DimensionAverages.Count > 0)
        {
            text.Append('\n');
            Section(text, labels["dimensions"]);
            foreach (var (dimension, average) in report.Satisfaction.DimensionAverages)
            {
                text.Append("  ").Append(labels.SatisfactionDimension(dimension)).Append(labels.Colon)
                    .Append(labels.Value(KpiKind.CsatAverage, average)).Append('\n');
            }
        }

        text.Append('\n');
        Section(text, labels["themes"]);
        if (report.Satisfaction.NegativeThemes.Count == 0)
        {
            text.Append("  ").Append(labels["none"]).Append('\n');
        }

        var rank = 0;
        foreach (var theme in report.Satisfaction.NegativeThemes)
        {
            text.Append("  ").Append(++rank).Append(". ").Append(theme.Term).Append(" (").Append(theme.Count).Append(' ').Append(labels["comments"]).Append(')');
            if (theme.Examples.Count > 0)
            {
                text.Append(" — ").Append(labels["example"]).Append(" \"").Append(theme.Examples[0]).Append('"');
            }

            text.Append('\n');
        }

        text.Append('\n');
        Section(text, labels["churn"]);
        if (report.HighRiskCustomers.Count == 0)
        {
            text.Append("  ").Append(labels["none"]).Append('\n');
        }

        var culture = labels.IsChinese ? Localization.TextCultures.SimplifiedChinese : CultureInfo.InvariantCulture;
        foreach (var risk in report.HighRiskCustomers)
        {
            text.Append("  ").Append(risk.Customer.Value).Append(' ').Append(labels["score"]).Append(' ').Append(risk.Score);
            if (risk.Trend is { } trend)
            {
                text.Append(" (").Append(labels["trend"]).Append(' ').Append(trend > 0 ? "+" : string.Empty).Append(trend).Append(')');
            }

            text.Append(labels.Colon)
                .Append(string.Join(labels.ListSeparator, risk.Factors.Select(f => $"{f.ReasonFor(culture)} ({Points(f.Points)})"))).Append('\n');
            if (risk.FollowUpDue is { } due)
            {
                text.Append("    ").Append(labels["followUp"]).Append(labels.Colon).Append(LocalTime(due, report.TimeZone)).Append('\n');
            }
        }

        Plans(text, report, labels);
        Assets(text, report, labels);
        Completeness(text, report, labels);
        return text.ToString();
    }

    private static string Rate(double? value, ReportLabels labels) => value is { } v ? labels.Value(KpiKind.SlaBreachRate, v) : labels["noData"];

    private static void Plans(StringBuilder text, MonthlyReport report, ReportLabels labels)
    {
        text.Append('\n');
        Section(text, labels["plans"]);
        if (report.PlanCompletion.Count == 0)
        {
            text.Append("  ").Append(labels["none"]).Append('\n');
            return;
        }

        foreach (var row in report.PlanCompletion)
        {
            text.Append("  ").Append(row.Owner?.Value ?? labels["unassigned"]).Append(labels.Colon)
                .Append(string.Format(CultureInfo.InvariantCulture, labels["planRow"], row.Completed, row.Planned, Rate(row.CompletionRate, labels), row.CompletedOnTime, row.Overdue, row.Cancelled))
                .Append('\n');
        }
    }

    private static void Assets(StringBuilder text, MonthlyReport report, ReportLabels labels)
    {
        text.Append('\n');
        Section(text, labels["assets"]);
        if (report.WorstAssetModels.Count == 0)
        {
            text.Append("  ").Append(labels["none"]).Append('\n');
            return;
        }

        var rank = 0;
        foreach (var model in report.WorstAssetModels)
        {
            text.Append("  ").Append(++rank).Append(". ").Append(model.Model).Append(labels.Colon)
                .Append(string.Format(
                    CultureInfo.InvariantCulture,
                    labels["assetRow"],
                    model.Failures,
                    model.Installed,
                    model.FailuresPer100Installed.ToString("0.#", CultureInfo.InvariantCulture),
                    model.MeanTimeBetweenFailures is { } mtbf ? mtbf.TotalDays.ToString("0", CultureInfo.InvariantCulture) : "—"))
                .Append('\n');
        }
    }

    private static void Completeness(StringBuilder text, MonthlyReport report, ReportLabels labels)
    {
        text.Append('\n');
        Section(text, labels["completeness"]);
        if (report.Completeness is not { } check)
        {
            text.Append("  ").Append(labels["completenessNone"]).Append('\n');
            return;
        }

        text.Append("  ").Append(string.Format(
                CultureInfo.InvariantCulture,
                labels["completeRow"],
                Rate(check.CompleteShare, labels),
                check.CompleteCount,
                check.Customers.Count,
                string.Join(labels.ListSeparator, check.Policy.Required.Select(labels.Field))))
            .Append('\n');
        if (check.MostOftenMissing.Count > 0)
        {
            text.Append("  ").Append(labels["mostMissing"]).Append(labels.Colon).Append('\n');
            foreach (var missing in check.MostOftenMissing)
            {
                text.Append("    ").Append(string.Format(
                        CultureInfo.InvariantCulture,
                        labels["missingRow"],
                        labels.Field(missing.Field),
                        labels[missing.Required ? "required" : "recommended"],
                        missing.Customers,
                        Rate(missing.Share, labels)))
                    .Append('\n');
            }
        }

        if (check.ByAccountManager.Count > 0)
        {
            text.Append("  ").Append(labels["byManager"]).Append(labels.Colon).Append('\n');
            foreach (var row in check.ByAccountManager)
            {
                text.Append("    ").Append(row.AccountManager?.Value ?? labels["unassigned"]).Append(labels.Colon)
                    .Append(string.Format(
                        CultureInfo.InvariantCulture,
                        labels["managerRow"],
                        Rate(row.CompleteShare, labels),
                        row.Complete,
                        row.Customers,
                        row.MostOftenMissing is { } field ? labels.Field(field) : labels["none"]))
                    .Append('\n');
            }
        }
    }

    /// <summary>One check as text, for example <c>resolution rate 86% &lt; 90%: team X 71%, tier C 80%</c>; a per-channel check names
    /// its channel (<c>average first response (business hours), Online chat 0.57 h &gt; 0.17 h</c>).</summary>
    internal static string CheckLine(TargetCheck check, ReportLabels labels, ServiceKpis totals)
    {
        var kind = check.Target.Kind;
        var target = labels.Value(kind, check.Target.Value);
        var name = check.Channel is { } channel
            ? labels.FirstResponseOn(totals.HeadlineFirstResponseClock) + labels.ListSeparator + labels.Channel(channel)
            : labels.Kpi(kind, totals);
        if (check.Actual is not { } actual)
        {
            return $"{name} ({labels["target"]} {(check.Target.LowerIsBetter ? "≤" : "≥")} {target})";
        }

        var sign = check.Met == true ? (check.Target.LowerIsBetter ? "≤" : "≥") : (check.Target.LowerIsBetter ? ">" : "<");
        var line = $"{name} {labels.Value(kind, actual)} {sign} {target}";
        if (check.Reasons.Count == 0)
        {
            return line;
        }

        var clock = totals.HeadlineFirstResponseClock;
        var reasons = check.Reasons.Select(r => $"{labels.Dimension(r.Dimension)} {labels.SliceKey(r.Key)} {labels.Value(kind, r.Kpis.Value(kind, clock) ?? 0)}");
        return line + labels.Colon + string.Join(labels.ListSeparator, reasons);
    }

    /// <summary>An instant as local date and time in the report's zone, for example <c>2024-05-29 10:00</c>.</summary>
    internal static string LocalTime(NodaTime.Instant instant, NodaTime.DateTimeZone zone) =>
        instant.InZone(zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Points(double points) => (points > 0 ? "+" : string.Empty) + points.ToString("0.#", CultureInfo.InvariantCulture);

    private static void Section(StringBuilder text, string title) => text.Append(title).Append('\n').Append('-', DisplayWidth(title)).Append('\n');

    /// <summary>The width of a text in a monospaced terminal: CJK characters take two columns.</summary>
    private static int DisplayWidth(string text) => text.Sum(c => c >= '\u2E80' ? 2 : 1);
}
