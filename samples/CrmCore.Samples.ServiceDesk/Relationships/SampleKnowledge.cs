using System.Text.Json;
using CrmCore.Knowledge;
using CrmCore.Tickets;

namespace CrmCore.Samples.ServiceDesk.Relationships;

/// <summary>
/// The sample's knowledge base: the labelled articles under <c>data/knowledge/articles.jsonl</c> (documents 000 and 004's scenarios,
/// Chinese and English) are stored in the desk's store (<see cref="IKnowledgeRepository"/>: memory, SQLite or PostgreSQL) when it has
/// none, the <see cref="KnowledgeBase"/> builds its index from what is stored, and the top suggestions for each ticket as it is
/// raised are kept, as an agent would see them next to the ticket.
/// </summary>
internal sealed class SampleKnowledge(KnowledgeBase knowledge)
{
    private readonly List<TicketSuggestion> _suggested = [];
    private int _asked;
    private bool _loaded;

    /// <summary>The tickets that got at least one suggestion, in the order they were raised.</summary>
    public IReadOnlyList<TicketSuggestion> Suggested => _suggested;

    /// <summary>How many tickets asked for suggestions.</summary>
    public int Asked => _asked;

    /// <summary>How many articles the store held when the month started (0: the sample stored its own).</summary>
    public int StoredBefore { get; private set; }

    /// <summary>Asks the knowledge base for the top three articles for a ticket just raised and remembers the answer.</summary>
    public async Task OnRaisedAsync(TicketId ticket, TicketType type, string description)
    {
        await LoadAsync().ConfigureAwait(false);
        _asked++;
        var top = await knowledge.SuggestAsync(type, description).ConfigureAwait(false);
        if (top.Count > 0)
        {
            _suggested.Add(new TicketSuggestion(ticket, type, description, top));
        }
    }

    private async Task LoadAsync()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
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
