using System.Text.Json;
using CrmCore.Tickets;

namespace CrmCore.Knowledge.Tests.Evaluation;

/// <summary>The labelled evaluation set under samples/data/knowledge (articles.jsonl, tickets.jsonl).</summary>
public sealed record EvalData(IReadOnlyList<KnowledgeArticle> Articles, IReadOnlyList<EvalTicket> Tickets)
{
    public static EvalData Load()
    {
        var dir = FindDirectory();
        var articles = File.ReadLines(Path.Combine(dir, "articles.jsonl")).Where(l => l.Length > 0).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var r = doc.RootElement;
            return new KnowledgeArticle(new ArticleId(r.GetProperty("id").GetString()!), r.GetProperty("title").GetString()!, r.GetProperty("body").GetString()!)
            {
                Tags = [.. r.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)],
                TicketTypes = [.. r.GetProperty("types").EnumerateArray().Select(t => new TicketType(t.GetString()!))],
            };
        }).ToList();
        var tickets = File.ReadLines(Path.Combine(dir, "tickets.jsonl")).Where(l => l.Length > 0).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var r = doc.RootElement;
            return new EvalTicket(
                r.GetProperty("id").GetString()!, r.GetProperty("lang").GetString()!, new TicketType(r.GetProperty("type").GetString()!), r.GetProperty("text").GetString()!,
                [.. r.GetProperty("relevant").EnumerateArray().Select(t => new ArticleId(t.GetString()!))]);
        }).ToList();
        return new EvalData(articles, tickets);
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "data", "knowledge");
            if (File.Exists(Path.Combine(candidate, "articles.jsonl")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("samples/data/knowledge not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>One labelled ticket.</summary>
public sealed record EvalTicket(string Id, string Language, TicketType Type, string Text, IReadOnlyList<ArticleId> Relevant);
