using System.Globalization;
using CrmCore.Metrics;
using CrmCore.Reporting.Html;
using CrmCore.Reporting.Localization;
using MiniExcelLibs;

namespace CrmCore.Reporting.Xlsx;

/// <summary>
/// Writes the KPI tables of a <see cref="MonthlyReport"/> as an .xlsx workbook (MiniExcel) for analysts who rework the numbers:
/// sheets Summary (the verdict on the targets, worded as in the text and HTML reports), KPIs (the per-channel first-response targets
/// after the month's totals, as in the HTML report), Daily, Breakdowns (every slice, not only the worst), Month over month (when known), Themes, Churn risk, and Plans,
/// Asset models, Completeness (total and per account manager) and Missing fields when the report has them.
/// Values are numbers (rates as fractions 0–1, hours as hours), never preformatted text. Headers and sheet names follow the
/// language. Thread-safe.
/// </summary>
public static class MonthlyReportXlsx
{
    /// <summary>Writes the workbook.</summary>
    /// <param name="report">The report.</param>
    /// <param name="destination">A writable stream; it is not closed.</param>
    /// <param name="culture">Simplified Chinese for any <c>zh</c> culture, English otherwise; null means <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(MonthlyReport report, Stream destination, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(destination);
        var labels = ReportLabels.For(culture);
        var text = ReportStrings.For(culture);
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [text["SheetSummary"]] = new List<Dictionary<string, object?>>
            {
                Row(
                    (text["ColMonth"], report.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
                    (text["ColTargetSource"], text.TargetSource(report.TargetSource)),
                    (text["ColTargets"], report.TargetCount),
                    (text["ColMissed"], report.TargetsMissed),
                    (text["ColNotChecked"], report.TargetsNotChecked),
                    (text["ColVerdict"], labels.Verdict(report)),
                    (text["ColWarnings"], report.CalendarGaps.Count == 0 ? null : string.Join("\n", report.CalendarGaps.Select(g => labels.CalendarGap(g, report.Month))))),
            },
            [text["SheetKpis"]] = KpiRow.For(report, report.Kpis.Totals, labels, text)
                .Concat(KpiRow.ForChannels(report, check => labels.TargetName(check, report.Kpis.Totals)))
                .Select(r => Row(
                    (text["ColKpi"], r.Label),
                    (text["ColChannel"], r.Channel is { } channel ? MonthlyReportHtml.SliceName(KpiDimension.Channel, channel, labels, text) : null),
                    (text["ColActual"], r.Actual),
                    (text["ColTarget"], r.Target?.Value),
                    (text["ColLowerIsBetter"], r.Target?.LowerIsBetter),
                    (text["ColMet"], r.Met),
                    (text["ColGap"], r.Gap(text)),
                    (text["ColSample"], r.Sample))).ToList(),
            [text["SheetDaily"]] = report.Daily.Select(d => Row(
                (text["ColDay"], d.Key),
                (text["ColTickets"], d.Kpis.TicketCount),
                (text["ColSla"], d.Kpis.SlaBreachRate is { } b ? 1 - b : null),
                (labels.Kpi(KpiKind.CsatAverage), d.Kpis.CsatAverage),
                (labels["surveys"], d.Kpis.SurveyCount))).ToList(),
            [text["SheetBreakdowns"]] = MonthlyReport.BreakdownDimensions
                .SelectMany(dimension => report.Breakdown(dimension).Select(s => (dimension, s)))
                .Select(p => Row(
                    [
                        (text["ColDimension"], MonthlyReportHtml.DimensionName(p.dimension, labels, text)),
                        (text["ColSlice"], MonthlyReportHtml.SliceName(p.dimension, p.s.Key, labels, text)),
                        (text["ColTickets"], p.s.Kpis.TicketCount),
                        (text["ColMissed"], report.MissedTargets(p.s.Kpis)),
                        .. Enum.GetValues<KpiKind>().Select(k => (labels.Kpi(k), (object?)report.SliceValue(p.s.Kpis, k))),
                        (text["ColFrSample"], report.SliceSampleSize(p.s.Kpis, KpiKind.AverageFirstResponse)),
                    ])).ToList(),
        };
        if (report.PreviousMonth is { } previous)
        {
            var before = KpiRow.For(report, previous.Totals, labels, text);
            sheets[text["SheetMom"]] = KpiRow.For(report, report.Kpis.Totals, labels, text).Zip(before).Select(p => Row(
                (text["ColKpi"], p.First.Label),
                (previous.From.ToString("yyyy-MM", CultureInfo.InvariantCulture), p.Second.Actual),
                (report.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), p.First.Actual))).ToList();
        }

        sheets[text["SheetThemes"]] = report.Satisfaction.NegativeThemes.Select(t => Row(
            (text["ColTheme"], t.Term),
            (text["ColComments"], t.Count),
            (text["ColExamples"], string.Join(" | ", t.Examples)))).ToList();
        sheets[text["SheetChurn"]] = report.HighRiskCustomers.Select(r => Row(
            (text["ColCustomer"], r.Customer.Value),
            (text["ColScore"], r.Score),
            (text["ColTrend"], r.Trend),
            (text["ColReasons"], string.Join(labels.ListSeparator, r.Factors.Select(f => f.ReasonFor(text.Culture)))),
            (text["ColFollowUp"], r.FollowUpDue?.InZone(report.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))).ToList();
        if (report.PlanCompletion.Count > 0)
        {
            sheets[text["SheetPlans"]] = report.PlanCompletion.Select(r => Row(
                (text["ColOwner"], r.Owner?.Value ?? text["NoOwner"]),
                (text["ColPlanned"], r.Planned),
                (text["ColCompleted"], r.Completed),
                (text["ColOnTime"], r.CompletedOnTime),
                (text["ColOverdue"], r.Overdue),
                (text["ColCancelled"], r.Cancelled),
                (text["ColCompletion"], r.CompletionRate))).ToList();
        }

        if (report.WorstAssetModels.Count > 0)
        {
            sheets[text["SheetAssets"]] = report.WorstAssetModels.Select(m => Row(
                (text["ColModel"], m.Model),
                (text["ColInstalled"], m.Installed),
                (text["ColTickets"], m.Tickets),
                (text["ColFailures"], m.Failures),
                (text["ColFailureRate"], m.FailuresPer100Installed),
                (text["ColMtbf"], m.MeanTimeBetweenFailures?.TotalDays))).ToList();
        }

        if (report.Completeness is { } check)
        {
            var completeness = new List<Dictionary<string, object?>>
            {
                Row(
                    (text["ColScope"], text["CompleteRecords"]),
                    (text["ColCustomers"], check.Customers.Count),
                    (text["ColComplete"], check.CompleteCount),
                    (text["ColShare"], check.CompleteShare),
                    (text["ColMostMissing"], check.MostOftenMissing.Count > 0 ? labels.Field(check.MostOftenMissing[0].Field) : null)),
            };
            completeness.AddRange(check.ByAccountManager.Select(r => Row(
                (text["ColScope"], r.AccountManager?.Value ?? text["NoOwner"]),
                (text["ColCustomers"], r.Customers),
                (text["ColComplete"], r.Complete),
                (text["ColShare"], r.CompleteShare),
                (text["ColMostMissing"], r.MostOftenMissing is { } f ? labels.Field(f) : null))));
            sheets[text["SheetCompleteness"]] = completeness;
            sheets[text["SheetMissing"]] = check.MostOftenMissing.Select(m => Row(
                (text["ColField"], labels.Field(m.Field)),
                (text["ColFieldKind"], labels[m.Required ? "required" : "recommended"]),
                (text["ColMissingIn"], m.Customers),
                (text["ColShare"], m.Share))).ToList();
        }

        destination.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX);
    }

    private static Dictionary<string, object?> Row(params (string Column, object? Value)[] cells)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (column, value) in cells)
        {
            row[column] = value;
        }

        return row;
    }
}
