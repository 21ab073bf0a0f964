namespace CrmCore.Satisfaction;

/// <summary>
/// Settings for surveys and their analysis. Defaults follow the source documents: five dimensions, comments with a CSAT of 2 or
/// less count as negative, and the five most frequent negative themes are reported. Validate with <see cref="Validate"/>
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

    /// <summary>Checks every setting and lists all problems.</summary>
    /// <returns>The problems found, in English; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Dimensions.Count == 0)
        {
            problems.Add("Satisfaction: at least one dimension must be configured.");
        }

        if (Dimensions.Any(d => d.Code.Length == 0))
        {
            problems.Add("Satisfaction: a configured dimension is the default (empty) value.");
        }

        if (Dimensions.Distinct().Count() != Dimensions.Count)
        {
            problems.Add("Satisfaction: a dimension is configured twice.");
        }

        if (LowScoreThreshold is < 1 or > 4)
        {
            problems.Add($"Satisfaction: LowScoreThreshold must be from 1 to 4, was {LowScoreThreshold}.");
        }

        problems.AddRange(Themes.Validate());
        return problems;
    }
}
