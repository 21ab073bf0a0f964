using System.Collections.Immutable;
using CrmCore.Tickets;

namespace CrmCore.Knowledge;

/// <summary>A knowledge-base article: title, body, tags and the ticket types it answers, in Chinese, English or both. Immutable.</summary>
public sealed record KnowledgeArticle
{
    /// <summary>The largest title, in characters.</summary>
    public const int MaxTitleLength = 500;

    /// <summary>The largest body, in characters (100,000: longer text is a manual, not an article).</summary>
    public const int MaxBodyLength = 100_000;

    /// <summary>Creates an article.</summary>
    /// <param name="id">The id.</param>
    /// <param name="title">The title; not blank, at most <see cref="MaxTitleLength"/> characters.</param>
    /// <param name="body">The body; at most <see cref="MaxBodyLength"/> characters.</param>
    /// <exception cref="ArgumentException">A text is blank or too long.</exception>
    public KnowledgeArticle(ArticleId id, string title, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(body);
        if (title.Length > MaxTitleLength || body.Length > MaxBodyLength)
        {
            throw new ArgumentException($"Article {id}: the title is at most {MaxTitleLength} and the body at most {MaxBodyLength} characters long.", nameof(body));
        }

        Id = id;
        Title = title.Trim();
        Body = body;
    }

    /// <summary>The id.</summary>
    public ArticleId Id { get; }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The body.</summary>
    public string Body { get; }

    /// <summary>Tags such as <c>打印机</c> or <c>login</c>; default none.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <summary>The ticket types the article answers; default none (any type).</summary>
    public ImmutableArray<TicketType> TicketTypes { get; init; } = [];
}
