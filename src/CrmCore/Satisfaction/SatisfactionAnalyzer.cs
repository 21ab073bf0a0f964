using CrmCore.Metrics;

namespace CrmCore.Satisfaction;

/// <summary>
/// Computes a <see cref="SatisfactionSummary"/> from survey responses. Thread-safe: it keeps no state between calls.
/// </summary>
public sealed class SatisfactionAnalyzer
{
    private readonly SatisfactionOptions _options;
    private readonly IFeedbackThemeExtractor _themes;

    /// <summary>Creates an analyzer.</summary>
    /// <param name="options">The settings; validated at once.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SatisfactionAnalyzer(SatisfactionOptions options)
        : this(options, null)
    {
    }

    /// <summary>Creates an analyzer whose negative-feedback themes come from <paramref name="themes"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="themes">The theme extractor (for example the word-level one of <c>CrmCore.Knowledge</c>); null for the built-in
    /// <see cref="ThemeExtractor"/> with <see cref="SatisfactionOptions.Themes"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SatisfactionAnalyzer(SatisfactionOptions options, IFeedbackThemeExtractor? themes)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.ThrowIfAny(options.Validate(), nameof(options));

        _options = options;
        _themes = themes ?? new ThemeExtractor(options.Themes);
    }

    /// <summary>Summarizes the responses.</summary>
    /// <param name="responses">The responses to analyse, for example one month's.</param>
    /// <returns>The summary; averages and NPS are null when there is nothing to average.</returns>
    public SatisfactionSummary Summarize(IEnumerable<SurveyResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var list = responses.ToList();
        var distribution = new int[CsatScore.MaxValue];
        foreach (var response in list)
        {
            distribution[response.Csat.Value - 1]++;
        }

        var dimensionAverages = list
            .SelectMany(r => r.DimensionScores)
            .GroupBy(p => p.Key)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.Average(p => (double)p.Value));

        var negativeComments = list.Where(r => r.Csat.Value <= _options.LowScoreThreshold).Select(r => r.Comment);
        var npsAnswers = list.Where(r => r.Nps.HasValue).Select(r => r.Nps!.Value).ToList();

        return new SatisfactionSummary
        {
            ResponseCount = list.Count,
            CsatAverage = list.Count == 0 ? null : list.Average(r => (double)r.Csat.Value),
            CsatDistribution = distribution,
            Nps = NetPromoterScore(npsAnswers),
            NpsResponseCount = npsAnswers.Count,
            DimensionAverages = dimensionAverages,
            NegativeThemes = _themes.Extract(negativeComments),
        };
    }

    /// <summary>Computes the net promoter score: the share of promoters (9–10) minus the share of detractors (0–6), in percent.</summary>
    /// <param name="answers">The answers.</param>
    /// <returns>A value from −100 to 100, or null when there are no answers.</returns>
    public static double? NetPromoterScore(IEnumerable<NpsScore> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        int total = 0, promoters = 0, detractors = 0;
        foreach (var answer in answers)
        {
            total++;
            promoters += answer.IsPromoter ? 1 : 0;
            detractors += answer.IsDetractor ? 1 : 0;
        }

        return total == 0 ? null : 100.0 * (promoters - detractors) / total;
    }
}
