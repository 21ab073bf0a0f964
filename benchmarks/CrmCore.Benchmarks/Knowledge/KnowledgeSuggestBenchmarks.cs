using BenchmarkDotNet.Attributes;
using CrmCore.Knowledge;
using CrmCore.Knowledge.Tests.Evaluation;

namespace CrmCore.Benchmarks.Knowledge;

/// <summary>
/// Suggesting the top 3 articles for a ticket among N articles: the Lucene.Net SmartCn index against the keyword-overlap baseline
/// (a linear scan over pre-tokenised articles, <c>Baseline = true</c>). The corpus is the 38 labelled articles plus synthetic ones made
/// of the labelled articles' own words (same vocabulary, so postings are realistic); each invocation suggests for all 114 labelled
/// tickets. The setup also prints precision@3 of both methods on that corpus, where the synthetic articles are distractors.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class KnowledgeSuggestBenchmarks
{
    private const int Tickets = 114;
    private KnowledgeIndex _index = null!;
    private KeywordOverlapBaseline _baseline = null!;
    private EvalTicket[] _tickets = null!;

    [Params(10_000)]
    public int Articles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = EvalData.Load();
        if (data.Tickets.Count != Tickets)
        {
            throw new InvalidOperationException($"Expected {Tickets} labelled tickets, found {data.Tickets.Count}.");
        }

        var articles = data.Articles.Concat(SyntheticArticles.Create(data.Articles, Articles - data.Articles.Count)).ToList();
        _index = new KnowledgeIndex();
        _index.UpsertRange(articles);
        _baseline = new KeywordOverlapBaseline(articles);
        _tickets = [.. data.Tickets];

        var small = KnowledgeEvaluation.Run(data);
        Console.WriteLine($"// EVAL {data.Articles.Count} articles: Lucene {small.Lucene}; keyword overlap {small.Baseline}");
        Console.WriteLine($"// EVAL {data.Articles.Count} articles with boilerplate: Lucene {small.LuceneWithBoilerplate}; keyword overlap {small.BaselineWithBoilerplate}");
        Console.WriteLine($"// EVAL learning: before {small.BeforeLearning}; after {small.AfterLearning}");
        var lucene = KnowledgeEvaluation.Score(_tickets, t => _index.Suggest(t.Type, t.Text).Select(s => s.Article).ToList());
        var plain = KnowledgeEvaluation.Score(_tickets, t => _baseline.Suggest(t.Text));
        Console.WriteLine($"// EVAL {articles.Count} articles: Lucene {lucene}; keyword overlap {plain}");
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Tickets)]
    public int KeywordOverlapScan()
    {
        var found = 0;
        foreach (var ticket in _tickets)
        {
            found += _baseline.Suggest(ticket.Text).Count;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Tickets)]
    public int LuceneSuggest()
    {
        var found = 0;
        foreach (var ticket in _tickets)
        {
            found += _index.Suggest(ticket.Type, ticket.Text).Count;
        }

        return found;
    }
}
