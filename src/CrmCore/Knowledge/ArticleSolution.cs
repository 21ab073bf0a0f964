using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Knowledge;

/// <summary>
/// An agent's mark that an article solved a ticket ("learn from use"): the ticket's type and text make the article rank higher for
/// similar tickets. Stored so that the ranking survives a restart. Immutable.
/// </summary>
public sealed record ArticleSolution
{
    /// <summary>The largest ticket text kept, in characters (the rest is cut off).</summary>
    public const int MaxTicketTextLength = 4_000;

    /// <summary>Creates a mark.</summary>
    /// <param name="article">The article that solved the ticket.</param>
    /// <param name="ticket">The ticket.</param>
    /// <param name="type">The ticket's type; null when unknown.</param>
    /// <param name="ticketText">The ticket's text (title and description); cut to <see cref="MaxTicketTextLength"/> characters.</param>
    /// <param name="at">When the agent marked it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ticketText"/> is null.</exception>
    public ArticleSolution(ArticleId article, TicketId ticket, TicketType? type, string ticketText, Instant at)
    {
        ArgumentNullException.ThrowIfNull(ticketText);
        Article = article;
        Ticket = ticket;
        Type = type;
        TicketText = ticketText.Length > MaxTicketTextLength ? ticketText[..MaxTicketTextLength] : ticketText;
        At = at;
    }

    /// <summary>The article that solved the ticket.</summary>
    public ArticleId Article { get; }

    /// <summary>The ticket.</summary>
    public TicketId Ticket { get; }

    /// <summary>The ticket's type, or null.</summary>
    public TicketType? Type { get; }

    /// <summary>The ticket's text (title and description), at most <see cref="MaxTicketTextLength"/> characters.</summary>
    public string TicketText { get; }

    /// <summary>When the agent marked it.</summary>
    public Instant At { get; }
}
