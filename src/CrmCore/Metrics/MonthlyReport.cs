using System.Globalization;
using CrmCore.Churn;
using CrmCore.Satisfaction;
using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// A month of service: KPIs against targets with the reasons for each miss, satisfaction (CSAT distribution and the top negative
/// themes), and the customers at high churn risk with their reasons. Renders as plain text or as HTML with inline SVG charts, in
/// English or simplified Chinese. Immutable and thread-safe. Built by <see cref="MonthlyReportBuilder"/>.
/// </summary>
public sealed class MonthlyReport
{
    internal MonthlyReport(
        YearMonth month,
        DateTimeZone zone,
        KpiSnapshot kpis,
        SatisfactionSummary satisfaction,
        IReadOnlyList<TargetCheck> checks,
        IReadOnlyList<ChurnAssessment> highRiskCustomers)
    {
        Month = month;
        TimeZone = zone;
        Kpis = kpis;
        Satisfaction = satisfaction;
        Checks = checks;
        HighRiskCustomers = highRiskCustomers;
    }

    /// <summary>The month reported on.</summary>
    public YearMonth Month { get; }

    /// <summary>The time zone whose calendar month it is.</summary>
    public DateTimeZone TimeZone { get; }

    /// <summary>The month's KPIs with their slices.</summary>
    public KpiSnapshot Kpis { get; }

    /// <summary>The month's survey analysis (CSAT distribution, NPS, dimensions, negative themes).</summary>
    public SatisfactionSummary Satisfaction { get; }

    /// <summary>Every KPI that has a target, compared with it, in <see cref="KpiKind"/> order.</summary>
    public IReadOnlyList<TargetCheck> Checks { get; }

    /// <summary>The customers in the high churn band, highest score first.</summary>
    public IReadOnlyList<ChurnAssessment> HighRiskCustomers { get; }

    /// <summary>True when no target was missed (targets without data do not count as missed).</summary>
    public bool AllTargetsMet => Checks.All(c => c.Met != false);

    /// <summary>Renders the report as plain text.</summary>
    /// <param name="culture">The language: simplified Chinese for any <c>zh</c> culture, English otherwise; null means <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The text, lines separated by <c>\n</c>.</returns>
    public string ToText(CultureInfo? culture = null) => MonthlyReportText.Render(this, ReportLabels.For(culture));

    /// <summary>Renders the report as a self-contained HTML document with inline SVG charts (CSAT distribution, KPI against target).</summary>
    /// <param name="culture">The language, as for <see cref="ToText"/>.</param>
    /// <returns>The HTML document; all data is HTML-encoded.</returns>
    public string ToHtml(CultureInfo? culture = null) => MonthlyReportHtml.Render(this, ReportLabels.For(culture));
}
