using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Satisfaction;

/// <summary>
/// Settings for surveys and their analysis. Defaults follow the source documents: five dimensions, comments with a CSAT of 2 or
/// less count as negative, and the five most frequent negative themes are reported. Validate with <see cref="Validate(CultureInfo?)"/>
/// (done at start when registered through <c>AddCrmMetrics</c>). Not thread-safe while being changed; treat as read-only after setup.
/// </summary>
public sealed class SatisfactionOptions
{
    /// <summary>
    /// The dimensions a survey may score. Default: response speed, resolution, solution quality, communication, price.
    /// A response that scores any other dimension is rejected by <see cref="SurveyCollector"/>.
    /// </summary>
    public IList<SatisfactionDimension> Dimensions { get; } =
    [
        SatisfactionDimension.ResponseSpeed,
        SatisfactionDimension.Resolution,
        SatisfactionDimension.SolutionQuality,
        SatisfactionDimension.Communication,
        SatisfactionDimension.Price,
    ];

    /// <summary>A response whose CSAT is at or below this value is a low score whose comment feeds theme analysis. Default 2; range 1–4.</summary>
    public int LowScoreThreshold { get; set; } = 2;

    /// <summary>How the themes of low-score comments are found.</summary>
    public ThemeOptions Themes { get; } = new();

    /// <summary>Checks every setting, and <see cref="Themes"/>, and lists all problems in the language of
    /// <see cref="CultureInfo.CurrentUICulture"/> (see <see cref="Validate(CultureInfo?)"/>).</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate() => Validate(null);

    /// <summary>
    /// Checks every setting, and <see cref="Themes"/> through <see cref="ThemeOptions.Validate(CultureInfo?)"/>, and lists all problems
    /// in one language. Not thread-safe while the options are being changed.
    /// </summary>
    /// <param name="culture">The language of every message, the themes' included: Simplified Chinese for zh-Hans and the cultures
    /// under it (zh-CN), English otherwise; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The problems, for example <c>Satisfaction: LowScoreThreshold must be from 1 to 4, was 5.</c> /
    /// <c>满意度：“LowScoreThreshold”必须在 1 到 4 之间，实际为 5。</c>; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate(CultureInfo? culture)
    {
        var problems = new List<string>();
        if (Dimensions.Count == 0)
        {
            problems.Add(Strings.Format("Satisfaction_NoDimension", culture));
        }

        if (Dimensions.Any(d => d.Code.Length == 0))
        {
            problems.Add(Strings.Format("Satisfaction_DefaultDimension", culture));
        }

        if (Dimensions.Distinct().Count() != Dimensions.Count)
        {
            problems.Add(Strings.Format("Satisfaction_DimensionTwice", culture));
        }

        if (LowScoreThreshold is < 1 or > 4)
        {
            problems.Add(Strings.Format("Satisfaction_Range", culture, nameof(LowScoreThreshold), 1, 4, LowScoreThreshold));
        }

        problems.AddRange(Themes.Validate(culture));
        return problems;
    }
}
