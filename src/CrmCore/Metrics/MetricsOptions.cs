using System.Globalization;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// Settings for KPI computation and the monthly report. Validate with <see cref="Validate(CultureInfo?)"/> (done at start when registered
/// through <c>AddCrmMetrics</c>). Not thread-safe while being changed; treat as read-only after setup.
/// </summary>
public sealed class MetricsOptions
{
    /// <summary>The time zone whose calendar months are the KPI periods. Default <c>Asia/Shanghai</c>.</summary>
    public DateTimeZone TimeZone { get; set; } = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>
    /// The first-response target used to judge tickets whose <see cref="ServiceRecord.FirstResponseWithinTarget"/> is null.
    /// Default 2 hours (document 003, phone); must be positive.
    /// </summary>
    public Duration FirstResponseTarget { get; set; } = Duration.FromHours(2);

    /// <summary>The monthly targets. Default document 001's (<see cref="ReportTargets.Document001"/>); replace them with
    /// <see cref="ReportTargetsJson.Parse"/> or <see cref="ReportTargets.Document003"/>. Must not be null.</summary>
    public ReportTargets Targets { get; set; } = new();

    /// <summary>How many slices the report names as the reasons for each missed target. Default 3; range 1–10.</summary>
    public int MaxReasonsPerMiss { get; set; } = 3;

    /// <summary>How many asset models the report lists, worst failure rate first. Default 10; range 0–100.</summary>
    public int MaxWorstAssetModels { get; set; } = 10;

    /// <summary>How many high-churn-risk customers the report lists. Default 10; range 0–100.</summary>
    public int MaxHighRiskCustomers { get; set; } = 10;

    /// <summary>Checks every setting and lists all problems, in the language of <see cref="CultureInfo.CurrentUICulture"/> (see
    /// <see cref="Validate(CultureInfo?)"/>).</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate() => Validate(null);

    /// <summary>
    /// Checks every setting, and the targets through <see cref="ReportTargets.Validate(CultureInfo?)"/>, and lists all problems in one
    /// language. Not thread-safe while the options are being changed.
    /// </summary>
    /// <param name="culture">The language of every message, the targets' included: Simplified Chinese for zh, zh-CN, zh-SG, zh-Hans
    /// and the cultures under it (<see cref="Localization.TextCultures"/>), English otherwise; default
    /// <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The problems, for example <c>Metrics: MaxReasonsPerMiss must be from 1 to 10, was 11.</c> /
    /// <c>指标：“MaxReasonsPerMiss”必须在 1 到 10 之间，实际为 11。</c>; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate(CultureInfo? culture)
    {
        var problems = new List<string>();
        if (TimeZone is null)
        {
            problems.Add(Strings.Format("Metrics_NotSet", culture, nameof(TimeZone)));
        }

        if (FirstResponseTarget <= Duration.Zero)
        {
            problems.Add(Strings.Format("Metrics_Positive", culture, nameof(FirstResponseTarget), FirstResponseTarget));
        }

        AddIfOutside(problems, nameof(MaxReasonsPerMiss), MaxReasonsPerMiss, 1, 10, culture);
        AddIfOutside(problems, nameof(MaxWorstAssetModels), MaxWorstAssetModels, 0, 100, culture);
        AddIfOutside(problems, nameof(MaxHighRiskCustomers), MaxHighRiskCustomers, 0, 100, culture);
        if (Targets is null)
        {
            problems.Add(Strings.Format("Metrics_NotSet", culture, nameof(Targets)));
        }
        else
        {
            problems.AddRange(Targets.Validate(culture));
        }

        return problems;
    }

    private static void AddIfOutside(List<string> problems, string name, int value, int least, int most, CultureInfo? culture)
    {
        if (value < least || value > most)
        {
            problems.Add(Strings.Format("Metrics_Range", culture, name, least, most, value));
        }
    }
}
