namespace CrmCore.Satisfaction;

/// <summary>A recurring theme in negative feedback: a term, the number of comments that mention it, and a few of those comments. Immutable.</summary>
/// <param name="Term">The term: a CJK n-gram such as <c>响应太慢</c> or a lower-case Latin word.</param>
/// <param name="Count">How many comments mention the term (document frequency), at least 1.</param>
/// <param name="Examples">Some of those comments, in input order; at most <see cref="ThemeOptions.ExamplesPerTheme"/>.</param>
public sealed record FeedbackTheme(string Term, int Count, IReadOnlyList<string> Examples);
