namespace CrmCore.Satisfaction;

/// <summary>
/// What a set of survey responses says: CSAT average and distribution, NPS, the average of each dimension and the most frequent
/// themes in low-score comments. Immutable. Built by <see cref="SatisfactionAnalyzer"/>.
/// </summary>
public sealed record SatisfactionSummary
{
    /// <summary>How many responses were analysed.</summary>
    public required int ResponseCount { get; init; }

    /// <summary>The mean CSAT score (1–5), or null when there are no responses.</summary>
    public required double? CsatAverage { get; init; }

    /// <summary>How many responses gave each score: index 0 holds the count of 1s, index 4 the count of 5s. Always five entries.</summary>
    public required IReadOnlyList<int> CsatDistribution { get; init; }

    /// <summary>The net promoter score: promoters % − detractors %, from −100 to 100; null when no response answered the NPS question.</summary>
    public required double? Nps { get; init; }

    /// <summary>How many responses answered the NPS question.</summary>
    public required int NpsResponseCount { get; init; }

    /// <summary>The mean score of each dimension that at least one response scored.</summary>
    public required IReadOnlyDictionary<SatisfactionDimension, double> DimensionAverages { get; init; }

    /// <summary>The most frequent themes in the comments of low-score responses (see <see cref="SatisfactionOptions.LowScoreThreshold"/>).</summary>
    public required IReadOnlyList<FeedbackTheme> NegativeThemes { get; init; }
}
