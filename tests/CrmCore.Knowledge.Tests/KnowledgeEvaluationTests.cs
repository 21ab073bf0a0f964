using CrmCore.Knowledge.Tests.Evaluation;
using Xunit.Abstractions;

namespace CrmCore.Knowledge.Tests;

public sealed class KnowledgeEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void LabelledSet_IsLargeEnoughAndBilingual()
    {
        var data = EvalData.Load();

        Assert.True(data.Articles.Count >= 30, $"{data.Articles.Count} articles");
        Assert.True(data.Tickets.Count >= 100, $"{data.Tickets.Count} tickets");
        Assert.True(data.Tickets.Count(t => t.Language == "zh") >= 50 && data.Tickets.Count(t => t.Language == "en") >= 50);
        var ids = data.Articles.Select(a => a.Id).ToHashSet();
        Assert.All(data.Tickets, t => Assert.All(t.Relevant, r => Assert.Contains(r, ids)));
    }

    [Fact]
    public void Suggestions_BeatKeywordOverlapBaseline_AndLearningHelps()
    {
        var result = KnowledgeEvaluation.Run(EvalData.Load());

        output.WriteLine($"Lucene SmartCn: {result.Lucene}");
        output.WriteLine($"Keyword overlap: {result.Baseline}");
        output.WriteLine($"Before learning: {result.BeforeLearning}; after: {result.AfterLearning}");
        output.WriteLine($"With boilerplate: Lucene {result.LuceneWithBoilerplate}; keyword overlap {result.BaselineWithBoilerplate}");
        Assert.True(result.Lucene.PrecisionAt3 > result.Baseline.PrecisionAt3, $"{result.Lucene} vs {result.Baseline}");
        Assert.True(result.Lucene.HitRateAt3 >= 0.8, result.Lucene.ToString());
        Assert.True(result.AfterLearning.PrecisionAt3 > result.BeforeLearning.PrecisionAt3, $"{result.AfterLearning} vs {result.BeforeLearning}");
        Assert.True(result.LuceneWithBoilerplate.PrecisionAt3 > result.BaselineWithBoilerplate.PrecisionAt3, $"{result.LuceneWithBoilerplate} vs {result.BaselineWithBoilerplate}");
    }

    [Fact]
    public void Suggestions_AmongTwoThousandDistractors_StillFindTheLabelledArticles()
    {
        var data = EvalData.Load();
        var articles = data.Articles.Concat(SyntheticArticles.Create(data.Articles, 2_000)).ToList();
        using var index = new KnowledgeIndex();
        index.UpsertRange(articles);
        var baseline = new KeywordOverlapBaseline(articles);

        var lucene = KnowledgeEvaluation.Score(data.Tickets, t => index.Suggest(t.Type, t.Text).Select(s => s.Article).ToList());
        var plain = KnowledgeEvaluation.Score(data.Tickets, t => baseline.Suggest(t.Text));

        output.WriteLine($"2,038 articles: Lucene {lucene}; keyword overlap {plain}");
        Assert.True(lucene.HitRateAt3 >= 0.7, $"{lucene} vs {plain}");
    }
}
