using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Sla;

/// <summary>
/// Display names of SLA metrics and clock states in English and Simplified Chinese (zh-Hans), from the library's resources: the same
/// names as <see cref="DisplayNames"/> gives. Thread-safe.
/// </summary>
public static class SlaText
{
    /// <summary>The display name of a clock status.</summary>
    /// <param name="status">The status.</param>
    /// <param name="culture">The culture; zh-Hans and its regions (zh-CN, zh-SG) give Simplified Chinese, other cultures English.
    /// Default: the current UI culture.</param>
    /// <returns>The name.</returns>
    public static string StatusName(SlaClockStatus status, CultureInfo? culture = null) => DisplayNames.Of(status, culture);

    /// <summary>The display name of a metric; custom metrics show their code.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="culture">The culture, as for <see cref="StatusName"/>.</param>
    /// <returns>The name.</returns>
    public static string MetricName(SlaMetric metric, CultureInfo? culture = null) => DisplayNames.Of(metric, culture);
}
