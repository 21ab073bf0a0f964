using System.Globalization;
using CrmCore.Metrics;
using CrmCore.Reporting.Html;
using CrmCore.Reporting.Xlsx;

namespace CrmCore.Reporting;

/// <summary>The renderings of a <see cref="MonthlyReport"/> beside its plain text: HTML with inline SVG, and .xlsx. Thread-safe.</summary>
public static class MonthlyReportRendering
{
    /// <summary>Renders the report as one self-contained HTML page (see <see cref="MonthlyReportHtml"/>).</summary>
    /// <param name="report">The report.</param>
    /// <param name="culture">Simplified Chinese for a Simplified Chinese culture (zh, zh-CN, zh-SG, zh-Hans; see
    /// <see cref="CrmCore.Localization.TextCultures"/>), English otherwise (Traditional Chinese included); null means
    /// <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string ToHtml(this MonthlyReport report, CultureInfo? culture = null) => MonthlyReportHtml.Render(report, culture);

    /// <summary>Writes the report's KPI tables as an .xlsx workbook (see <see cref="MonthlyReportXlsx"/>).</summary>
    /// <param name="report">The report.</param>
    /// <param name="destination">A writable stream; it is not closed.</param>
    /// <param name="culture">The language, as for <see cref="ToHtml"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteXlsx(this MonthlyReport report, Stream destination, CultureInfo? culture = null) =>
        MonthlyReportXlsx.Write(report, destination, culture);
}
