using System.Globalization;

namespace CrmCore.Sla;

/// <summary>Display names of SLA metrics and clock states in English and Simplified Chinese (zh-Hans). Thread-safe.</summary>
public static class SlaText
{
    /// <summary>The display name of a clock status.</summary>
    /// <param name="status">The status.</param>
    /// <param name="culture">The culture; zh (any region or script) gives Simplified Chinese, anything else English. Default: the current UI culture.</param>
    /// <returns>The name.</returns>
    public static string StatusName(SlaClockStatus status, CultureInfo? culture = null) => (status, IsChinese(culture)) switch
    {
        (SlaClockStatus.NotStarted, true) => "未开始",
        (SlaClockStatus.Running, true) => "计时中",
        (SlaClockStatus.Paused, true) => "已暂停",
        (SlaClockStatus.Met, true) => "达标",
        (SlaClockStatus.Breached, true) => "超时",
        (SlaClockStatus.NotStarted, false) => "Not started",
        (SlaClockStatus.Running, false) => "Running",
        (SlaClockStatus.Paused, false) => "Paused",
        (SlaClockStatus.Met, false) => "Met",
        (SlaClockStatus.Breached, false) => "Breached",
        _ => status.ToString(),
    };

    /// <summary>The display name of a metric; custom metrics show their code.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="culture">The culture, as for <see cref="StatusName"/>.</param>
    /// <returns>The name.</returns>
    public static string MetricName(SlaMetric metric, CultureInfo? culture = null) => (metric.Code, IsChinese(culture)) switch
    {
        ("FirstResponse", true) => "首次响应",
        ("NextResponse", true) => "后续响应",
        ("Resolution", true) => "解决",
        ("Revisit", true) => "回访",
        ("FirstResponse", false) => "First response",
        ("NextResponse", false) => "Next response",
        ("Resolution", false) => "Resolution",
        ("Revisit", false) => "Revisit",
        _ => metric.Code,
    };

    private static bool IsChinese(CultureInfo? culture) =>
        (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "zh";
}
