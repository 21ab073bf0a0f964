using System.Globalization;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Churn;

/// <summary>
/// Settings for churn-risk scoring. Defaults: medium from 40, high from 70, and a supervisor follow-up due 24 h after a customer
/// enters the high band (document 003). Validate with <see cref="Validate(CultureInfo?)"/> (done at start when registered through
/// <c>AddCrmMetrics</c>). Not thread-safe while being changed; treat as read-only after setup.
/// </summary>
public sealed class ChurnOptions
{
    /// <summary>The lowest score in the medium band. Default 40; range 1 to <see cref="HighThreshold"/> − 1.</summary>
    public int MediumThreshold { get; set; } = 40;

    /// <summary>The lowest score in the high band. Default 70; range <see cref="MediumThreshold"/> + 1 to 100.</summary>
    public int HighThreshold { get; set; } = 70;

    /// <summary>
    /// How long after entering the high band the supervisor's call is due: business time when the <see cref="ChurnScorer"/> was
    /// given a business calendar, else wall-clock time. Default 24 hours; must be positive.
    /// </summary>
    public Duration FollowUpWithin { get; set; } = Duration.FromHours(24);

    /// <summary>The band of a score under these thresholds.</summary>
    /// <param name="score">A score from 0 to 100.</param>
    /// <returns>The band; monotone in the score.</returns>
    public ChurnBand BandOf(int score) => score >= HighThreshold ? ChurnBand.High : score >= MediumThreshold ? ChurnBand.Medium : ChurnBand.Low;

    /// <summary>Checks every setting and lists all problems in the language of <see cref="CultureInfo.CurrentUICulture"/> (see
    /// <see cref="Validate(CultureInfo?)"/>).</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate() => Validate(null);

    /// <summary>Checks every setting and lists all problems in one language. Not thread-safe while the options are being changed.</summary>
    /// <param name="culture">The language of every message: Simplified Chinese for zh-Hans and the cultures under it (zh-CN), English
    /// otherwise; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The problems, for example <c>Churn: HighThreshold must be at most 100, was 101.</c> /
    /// <c>流失风险：“HighThreshold”最多为 100，实际为 101。</c>; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate(CultureInfo? culture)
    {
        var problems = new List<string>();
        if (MediumThreshold < 1 || MediumThreshold >= HighThreshold)
        {
            problems.Add(Strings.Format("Churn_MediumThreshold", culture, HighThreshold, MediumThreshold));
        }

        if (HighThreshold > 100)
        {
            problems.Add(Strings.Format("Churn_AtMost", culture, nameof(HighThreshold), 100, HighThreshold));
        }

        if (FollowUpWithin <= Duration.Zero)
        {
            problems.Add(Strings.Format("Churn_Positive", culture, nameof(FollowUpWithin), FollowUpWithin));
        }

        return problems;
    }
}
