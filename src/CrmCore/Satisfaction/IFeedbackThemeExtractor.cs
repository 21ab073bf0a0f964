namespace CrmCore.Satisfaction;

/// <summary>
/// Finds the recurring themes of free-text feedback (the monthly report's negative themes). The seam for a word-level extractor such as
/// <c>CrmCore.Knowledge.WordThemeExtractor</c> (Lucene.Net SmartCn segmentation: 响应慢, 没解决) in place of the character n-grams of
/// <see cref="ThemeExtractor"/>. Implementations are thread-safe.
/// </summary>
public interface IFeedbackThemeExtractor
{
    /// <summary>The most frequent themes of the comments, most frequent first.</summary>
    /// <param name="comments">The comments; null and blank ones are skipped.</param>
    /// <returns>The themes, each with how many comments mention it and a few examples.</returns>
    IReadOnlyList<FeedbackTheme> Extract(IEnumerable<string?> comments);
}
