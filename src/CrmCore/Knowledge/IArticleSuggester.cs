using CrmCore.Tickets;

namespace CrmCore.Knowledge;

/// <summary>
/// Suggests knowledge articles for a ticket from its type and text: the port the <see cref="Desk.ServiceDesk"/> asks when a ticket is
/// raised (<see cref="Desk.ArticlesSuggested"/>). The <c>CrmCore.Knowledge</c> package implements it with a Lucene.Net index
/// (<c>KnowledgeBase</c>, registered by <c>AddCrmKnowledge()</c>); without it the desk suggests nothing. Implementations must be thread-safe.
/// </summary>
public interface IArticleSuggester
{
    /// <summary>The best published articles for a ticket, best first.</summary>
    /// <param name="type">The ticket's type, or null.</param>
    /// <param name="text">The ticket's text, or null.</param>
    /// <param name="count">How many at most; default 3.</param>
    /// <param name="cancellationToken">Cancels the suggestion.</param>
    /// <returns>Up to <paramref name="count"/> suggestions; empty when no article fits.</returns>
    Task<IReadOnlyList<KnowledgeSuggestion>> SuggestAsync(TicketType? type, string? text, int count = 3, CancellationToken cancellationToken = default);
}
