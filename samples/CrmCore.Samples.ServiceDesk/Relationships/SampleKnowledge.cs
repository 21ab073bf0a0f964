using System.Text.Json;
using CrmCore.Desk;
using CrmCore.Knowledge;
using CrmCore.Tickets;

namespace CrmCore.Samples.ServiceDesk.Relationships;

/// <summary>
/// The sample's knowledge base: the labelled articles under <c>data/knowledge/articles.jsonl</c> (documents 000 and 004's scenarios,
/// Chinese and English) are stored in the desk's store (<see cref="IKnowledgeRepository"/>: memory, SQLite or PostgreSQL) when it has
/// none, before the first ticket; the <see cref="KnowledgeBase"/> builds its index from what is stored, and the desk itself suggests the
/// top articles for each ticket it raises (<see cref="ArticlesSuggested"/>, through <c>AddCrmKnowledge()</c>); the sample keeps them,
/// as an agent would see them next to the ticket.
/// </summary>
internal sealed class SampleKnowledge(KnowledgeBase knowledge)
{
    private readonly List<TicketSuggestion> _suggested = [];
    private int _asked;

    /// <summary>The tickets that got at least one suggestion, in the order they were raised.</summary>
    public IReadOnlyList<TicketSuggestion> Suggested => _suggested;

    /// <summary>How many tickets asked for suggestions.</summary>
    public int Asked => _asked;

    /// <summary>How many articles the store held when the month started (0: the sample stored its own).</summary>
    public int StoredBefore { get; private set; }

    /// <summary>How many raised tickets reported a suggester failure (<see cref="ArticleSuggestionFailed"/>).</summary>
    public int Failed { get; private set; }

    /// <summary>Whether the index cuts Chinese into character pairs, SmartCn being unable to run here (<see cref="TextSegmenter.CutsCharacterPairs"/>).</summary>
    public bool CutsCharacterPairs => knowledge.Index.Segmenter.CutsCharacterPairs;

    /// <summary>Remembers the articles the desk suggested with a ticket it just raised.</summary>
    public void OnRaised(TicketId ticket, TicketType type, string description, DeskResult raised)
    {
        _asked++;
        Failed += raised.Events.OfType<ArticleSuggestionFailed>().Count();
        if (raised.Events.OfType<ArticlesSuggested>().SingleOrDefault() is { } suggested)
        {
            _suggested.Add(new TicketSuggestion(ticket, type, description, suggested.Articles));
        }
    }

    /// <summary>Stores the sample articles when the store has none, before the first ticket is raised.</summary>
    public async Task PrepareAsync()
    {
        await knowledge.LoadAsync().ConfigureAwait(false);
        StoredBefore = knowledge.Index.Count;
        if (StoredBefore > 0)
        {
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "data", "knowledge", "articles.jsonl");
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var article = new KnowledgeArticle(new ArticleId(r.GetProperty("id").GetString()!), r.GetProperty("title").GetString()!, r.GetProperty("body").GetString()!)
            {
                Tags = [.. r.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)],
                TicketTypes = [.. r.GetProperty("types").EnumerateArray().Select(t => new TicketType(t.GetString()!))],
            };
            await knowledge.SaveAsync(article, 0).ConfigureAwait(false);
        }
    }
}

/// <summary>The suggestions shown for one ticket.</summary>
internal sealed record TicketSuggestion(TicketId Ticket, TicketType Type, string Description, IReadOnlyList<KnowledgeSuggestion> Top);
