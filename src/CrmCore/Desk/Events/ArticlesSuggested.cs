using System.Globalization;
using System.Text;
using CrmCore.Knowledge;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Raised with a new ticket when the desk's <see cref="IArticleSuggester"/> found articles for it (<see cref="DeskOptions.SuggestedArticles"/>
/// at most, best first), so that the agent sees them next to the ticket.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it was raised.</param>
/// <param name="Articles">The suggestions, best first; never empty.</param>
public sealed record ArticlesSuggested(TicketId TicketId, Instant OccurredAt, IReadOnlyList<KnowledgeSuggestion> Articles) : IDomainEvent
{
    /// <summary>The members as <see cref="object.ToString"/> shows them: the articles as <c>[KB-1 "title", ...]</c>, best first, rather
    /// than the name of their list's type.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"TicketId = {TicketId}, OccurredAt = {OccurredAt}, Articles = [");
        builder.AppendJoin(", ", Articles.Select(a => $"{a.Article} \"{a.Title}\""));
        builder.Append(']');
        return true;
    }
}
