using System.Collections.Immutable;
using CrmCore.Tickets;

namespace CrmCore.Knowledge;

/// <summary>
/// A knowledge-base article (知识库文章): title, body, tags and the ticket types it answers, in Chinese, English or both, with its
/// version and status. The one article type: stores keep it, imports read it, and the suggestion index (package
/// <c>CrmCore.Knowledge</c>) indexes the published ones. Change it with <c>with</c> and a version one higher. Immutable.
/// </summary>
public sealed record KnowledgeArticle
{
    /// <summary>The largest title, in characters.</summary>
    public const int MaxTitleLength = 500;

    /// <summary>The largest body, in characters (100,000: longer text is a manual, not an article).</summary>
    public const int MaxBodyLength = 100_000;

    /// <summary>The most tags an article has.</summary>
    public const int MaxTags = 50;

    /// <summary>The longest tag, in characters.</summary>
    public const int MaxTagLength = 100;

    /// <summary>Creates a published article, version 1.</summary>
    /// <param name="id">The id.</param>
    /// <param name="title">The title; not blank, at most <see cref="MaxTitleLength"/> characters.</param>
    /// <param name="body">The body; at most <see cref="MaxBodyLength"/> characters.</param>
    /// <exception cref="ArgumentException">A text is blank or too long.</exception>
    public KnowledgeArticle(ArticleId id, string title, string body)
    {
        Id = id;
        Title = title;
        Body = body;
    }

    /// <summary>The id.</summary>
    public ArticleId Id { get; }

    /// <summary>The title (trimmed); not blank, at most <see cref="MaxTitleLength"/> characters.</summary>
    /// <exception cref="ArgumentException">Set to a blank or too long text.</exception>
    public string Title
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            if (value.Length > MaxTitleLength)
            {
                throw new ArgumentException($"Article {Id}: the title is at most {MaxTitleLength} characters long.", nameof(value));
            }

            field = value.Trim();
        }
    }

    /// <summary>The body; at most <see cref="MaxBodyLength"/> characters.</summary>
    /// <exception cref="ArgumentException">Set to null or a too long text.</exception>
    public string Body
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length > MaxBodyLength)
            {
                throw new ArgumentException($"Article {Id}: the body is at most {MaxBodyLength} characters long.", nameof(value));
            }

            field = value;
        }
    }

    /// <summary>Tags such as <c>打印机</c> or <c>login</c> (trimmed, blank ones dropped); default none. At most <see cref="MaxTags"/>
    /// tags of at most <see cref="MaxTagLength"/> characters.</summary>
    /// <exception cref="ArgumentException">Set to too many or too long tags.</exception>
    public ImmutableArray<string> Tags
    {
        get;
        init
        {
            var tags = value.IsDefault ? [] : value.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToImmutableArray();
            if (tags.Length > MaxTags || tags.Any(t => t.Length > MaxTagLength))
            {
                throw new ArgumentException($"Article {Id}: at most {MaxTags} tags of at most {MaxTagLength} characters.", nameof(value));
            }

            field = tags;
        }
    } = [];

    /// <summary>The ticket types the article answers; default none (any type).</summary>
    public ImmutableArray<TicketType> TicketTypes { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>The version: 1 when first written, one more per change; stores use it for optimistic concurrency. Default 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public long Version
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 1;

    /// <summary>The status; only <see cref="ArticleStatus.Published"/> articles are suggested. Default published.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not defined.</exception>
    public ArticleStatus Status
    {
        get;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown article status.");
            }

            field = value;
        }
    } = ArticleStatus.Published;
}
