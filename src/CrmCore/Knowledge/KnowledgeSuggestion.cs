namespace CrmCore.Knowledge;

/// <summary>One suggested article for a ticket. Immutable.</summary>
/// <param name="Article">The article's id.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Score">The relevance score (higher is better; comparable only within one suggestion list).</param>
/// <param name="SolvedCount">How many tickets agents marked as solved by the article.</param>
public sealed record KnowledgeSuggestion(ArticleId Article, string Title, double Score, int SolvedCount);
