using System.Globalization;
using CrmCore.Metrics;
using CrmCore.Reporting.Localization;

namespace CrmCore.Reporting;

/// <summary>
/// One line of the KPI table, shared by the HTML and the .xlsx renderings so that both show the same figures: every
/// <see cref="KpiKind"/>, with the SLA breach rate followed by its two metrics (first response, resolution).
/// </summary>
/// <param name="Id">A stable id: the <see cref="KpiKind"/> name, or <c>FirstResponseBreach</c> / <c>ResolutionBreach</c> / <c>RevisitBreach</c>.</param>
/// <param name="Kind">The KPI whose unit and formatting the row uses.</param>
/// <param name="Label">The localised name (the first response names its clock).</param>
/// <param name="Actual">The value, null without data.</param>
/// <param name="Target">The target, null when the KPI has none.</param>
/// <param name="Sample">How many tickets, answers or customers the value is computed from.</param>
/// <param name="IsSubRow">True for the per-metric breach rates shown under the combined one.</param>
internal sealed record KpiRow(string Id, KpiKind Kind, string Label, double? Actual, KpiTarget? Target, int Sample, bool IsSubRow)
{
    /// <summary>Met, missed, or null when there is no target or no data.</summary>
    public bool? Met => Actual is { } a && Target is { } t ? t.IsMetBy(a) : null;

    /// <summary>The rows of a month's totals against its targets, in report order.</summary>
    public static IReadOnlyList<KpiRow> For(MonthlyReport report, ServiceKpis kpis, ReportLabels labels, ReportStrings text)
    {
        var rows = new List<KpiRow>();
        foreach (var kind in Enum.GetValues<KpiKind>())
        {
            var target = report.Targets.FirstOrDefault(t => t.Kind == kind);
            rows.Add(new KpiRow(kind.ToString(), kind, labels.Kpi(kind, kpis), kpis.Value(kind), target, kpis.SampleSize(kind), IsSubRow: false));
            if (kind == KpiKind.SlaBreachRate)
            {
                rows.Add(new KpiRow("FirstResponseBreach", kind, text["FirstResponseBreach"], kpis.FirstResponseBreachRate, null, kpis.TicketCount, IsSubRow: true));
                rows.Add(new KpiRow("ResolutionBreach", kind, text["ResolutionBreach"], kpis.ResolutionBreachRate, null, kpis.TicketCount, IsSubRow: true));
                rows.Add(new KpiRow("RevisitBreach", kind, text["RevisitBreach"], kpis.RevisitBreachRate, null, kpis.RevisitJudgedCount, IsSubRow: true));
            }
        }

        return rows;
    }

    /// <summary>
    /// The rows of the per-channel first-response targets (<see cref="MonthlyReport.ChannelChecks"/>), tightest first, each named by
    /// <paramref name="name"/> from its channel code: the channel's own average on the headline's clock against its target, over the
    /// channel's tickets counted in that average. Shared by the HTML page's channel table and the workbook's KPI sheet.
    /// </summary>
    public static IReadOnlyList<KpiRow> ForChannels(MonthlyReport report, Func<TargetCheck, string> name)
    {
        var slices = report.Kpis.SlicesBy(KpiDimension.Channel).ToDictionary(s => s.Key, StringComparer.Ordinal);
        return report.ChannelChecks.Select(check =>
        {
            var channel = check.Channel ?? string.Empty;
            var kpis = slices.TryGetValue(channel, out var slice) ? slice.Kpis : ServiceKpis.Empty;
            return new KpiRow("FirstResponse." + channel, KpiKind.AverageFirstResponse, name(check), check.Actual, check.Target,
                report.SliceSampleSize(kpis, KpiKind.AverageFirstResponse), IsSubRow: false) { Channel = channel };
        }).ToList();
    }

    /// <summary>For a per-channel target's row (<see cref="ForChannels"/>), the channel code; null for a row of the totals.</summary>
    public string? Channel { get; init; }

    /// <summary>The gap to the target in words and numbers, for example "missed: 3.2 percentage points below the floor".</summary>
    public string Gap(ReportStrings text)
    {
        if (Target is not { } target)
        {
            return text["NoTarget"];
        }

        if (Actual is not { } actual)
        {
            return text["NoData"];
        }

        var difference = Math.Abs(actual - target.Value);
        if (difference < 1e-9)
        {
            return text["GapOnTarget"];
        }

        var amount = Amount(Kind, difference, text);
        return (target.IsMetBy(actual), target.LowerIsBetter) switch
        {
            (true, false) => text.Format("GapMetAbove", amount),
            (true, true) => text.Format("GapMetBelow", amount),
            (false, false) => text.Format("GapMissedBelow", amount),
            (false, true) => text.Format("GapMissedAbove", amount),
        };
    }

    /// <summary>A difference in the KPI's unit: percentage points for rates, hours, or score points.</summary>
    public static string Amount(KpiKind kind, double difference, ReportStrings text) => kind switch
    {
        KpiKind.AverageFirstResponse => text.Format("Hours", difference.ToString("0.##", CultureInfo.InvariantCulture)),
        KpiKind.CsatAverage => text.Format("CsatPoints", difference.ToString("0.00", CultureInfo.InvariantCulture)),
        KpiKind.Nps => text.Format("NpsPoints", difference.ToString("0.#", CultureInfo.InvariantCulture)),
        _ => text.Format("Points", (difference * 100).ToString("0.#", CultureInfo.InvariantCulture)),
    };

    /// <summary>True when a higher value is better for the KPI (for month-over-month words).</summary>
    public static bool HigherIsBetter(KpiKind kind) =>
        kind is not (KpiKind.AverageFirstResponse or KpiKind.RepeatContactRate or KpiKind.SlaBreachRate or KpiKind.ChurnRate);
}
