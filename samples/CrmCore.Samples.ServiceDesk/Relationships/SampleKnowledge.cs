using System.Text.Json;
using CrmCore.Knowledge;
using CrmCore.Tickets;

namespace CrmCore.Samples.ServiceDesk.Relationships;

/// <summary>
/// The sample's knowledge base: the labelled articles under <c>data/knowledge/articles.jsonl</c> (documents 000 and 004's scenarios,
/// Chinese and English) in the desk's <see cref="KnowledgeIndex"/>, and the top suggestions for each ticket as it is raised, as an
/// agent would see them next to the ticket.
/// </summary>
internal sealed class SampleKnowledge(KnowledgeIndex index)
{
    private readonly List<TicketSuggestion> _suggested = [];
    private int _asked;
    private bool _loaded;

    /// <summary>The tickets that got at least one suggestion, in the order they were raised.</summary>
    public IReadOnlyList<TicketSuggestion> Suggested => _suggested;

    /// <summary>How many tickets asked for suggestions.</summary>
    public int Asked => _asked;

    /// <summary>Asks the index for the top three articles for a ticket just raised and remembers the answer.</summary>
    public void OnRaised(TicketId ticket, TicketType type, string description)
    {
        Load();
        _asked++;
        var top = index.Suggest(type, description);
        if (top.Count > 0)
        {
            _suggested.Add(new TicketSuggestion(ticket, type, description, top));
        }
    }

    private void Load()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        var path = Path.Combine(AppContext.BaseDirectory, "data", "knowledge", "articles.jsonl");
        var articles = new List<KnowledgeArticle>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            articles.Add(new KnowledgeArticle(new ArticleId(r.GetProperty("id").GetString()!), r.GetProperty("title").GetString()!, r.GetProperty("body").GetString()!)
            {
                Tags = [.. r.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)],
                TicketTypes = [.. r.GetProperty("types").EnumerateArray().Select(t => new TicketType(t.GetString()!))],
            });
        }

        index.UpsertRange(articles);
    }
}

/// <summary>The suggestions shown for one ticket.</summary>
internal sealed record TicketSuggestion(TicketId Ticket, TicketType Type, string Description, IReadOnlyList<KnowledgeSuggestion> Top);
