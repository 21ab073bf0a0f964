using System.Globalization;

namespace CrmCore.Knowledge.Tests.Evaluation;

/// <summary>Precision at 3 and hit rate at 3 of the index and the baseline on the labelled set, and the effect of learning from use.</summary>
public static class KnowledgeEvaluation
{
    public static EvalResult Run(EvalData data)
    {
        var baseline = new KeywordOverlapBaseline(data.Articles);
        using var index = new KnowledgeIndex();
        index.UpsertRange(data.Articles);

        var lucene = Score(data.Tickets, t => index.Suggest(t.Type, t.Text).Select(s => s.Article).ToList());
        var plain = Score(data.Tickets, t => baseline.Suggest(t.Text));

        // Learning from use: on every third ticket agents mark the labelled articles (the same-language one and its twin in the other
        // language, which no word of the ticket matches) as its solution; the other tickets are measured before and after.
        var train = data.Tickets.Where((_, i) => i % 3 == 0).ToList();
        var test = data.Tickets.Where((_, i) => i % 3 != 0).ToList();
        var before = Score(test, t => index.Suggest(t.Type, t.Text).Select(s => s.Article).ToList());
        foreach (var ticket in train)
        {
            foreach (var article in ticket.Relevant)
            {
                index.MarkSolved(article, ticket.Type, ticket.Text);
            }
        }

        var after = Score(test, t => index.Suggest(t.Type, t.Text).Select(s => s.Article).ToList());

        // The same tickets with the greetings and sign-offs real tickets carry (deterministic, one of four per language).
        var noisy = data.Tickets.Select((t, i) => t with { Text = WithBoilerplate(t, i) }).ToList();
        using var fresh = new KnowledgeIndex();
        fresh.UpsertRange(data.Articles);
        var luceneNoisy = Score(noisy, t => fresh.Suggest(t.Type, t.Text).Select(s => s.Article).ToList());
        var plainNoisy = Score(noisy, t => baseline.Suggest(t.Text));
        return new EvalResult(data.Articles.Count, data.Tickets.Count, lucene, plain, before, after, luceneNoisy, plainNoisy);
    }

    private static readonly string[][] ZhBoilerplate =
    [
        ["您好，", "，麻烦尽快处理，谢谢！"], ["你好，我们是贵公司的老客户，", "，请帮忙看一下这个问题。"],
        ["客服你好，", "，希望今天能给个答复。"], ["您好，打扰了，", "，问题比较急，谢谢配合。"],
    ];

    private static readonly string[][] EnBoilerplate =
    [
        ["Hello, ", ". Please help as soon as possible, thanks!"], ["Hi team, we are a long-time customer. ", ". Could you please look into this problem?"],
        ["Dear support, ", ". We hope to hear back from you today."], ["Hello there, sorry to bother you: ", ". This is quite urgent for us, thank you."],
    ];

    private static string WithBoilerplate(EvalTicket ticket, int i)
    {
        var pair = (ticket.Language == "zh" ? ZhBoilerplate : EnBoilerplate)[i % 4];
        return pair[0] + ticket.Text + pair[1];
    }

    public static Metrics Score(IReadOnlyList<EvalTicket> tickets, Func<EvalTicket, IReadOnlyList<ArticleId>> suggest)
    {
        double precision = 0, hits = 0;
        foreach (var ticket in tickets)
        {
            var top = suggest(ticket).Take(3).ToList();
            var relevant = top.Count(ticket.Relevant.Contains);
            precision += relevant / 3.0;
            hits += relevant > 0 ? 1 : 0;
        }

        return new Metrics(tickets.Count, precision / tickets.Count, hits / tickets.Count);
    }
}

public sealed record Metrics(int Tickets, double PrecisionAt3, double HitRateAt3)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"P@3 {PrecisionAt3:0.000}, hit@3 {HitRateAt3:0.000} ({Tickets} tickets)");
}

public sealed record EvalResult(int Articles, int Tickets, Metrics Lucene, Metrics Baseline, Metrics BeforeLearning, Metrics AfterLearning, Metrics LuceneWithBoilerplate, Metrics BaselineWithBoilerplate);
