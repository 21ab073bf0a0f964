using CrmCore.Customers;
using CrmCore.Satisfaction;
using CrmCore.Tests.Metrics;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Satisfaction;

public class SatisfactionAnalyzerTests
{
    private readonly SatisfactionAnalyzer _analyzer = new(new SatisfactionOptions());

    [Fact]
    public void Summarize_Responses_ComputesAverageDistributionAndNps()
    {
        var responses = new[]
        {
            KpiTestData.Survey("1", 5, nps: 10),
            KpiTestData.Survey("2", 4, nps: 9),
            KpiTestData.Survey("3", 2, nps: 3),
            KpiTestData.Survey("4", 5, nps: 7),
            KpiTestData.Survey("5", 1),
        };

        var summary = _analyzer.Summarize(responses);

        Assert.Equal(5, summary.ResponseCount);
        Assert.Equal(3.4, summary.CsatAverage!.Value, 10);
        Assert.Equal([1, 1, 0, 1, 2], summary.CsatDistribution);
        Assert.Equal(4, summary.NpsResponseCount);
        Assert.Equal(25.0, summary.Nps!.Value, 10); // 2 promoters, 1 detractor of 4
    }

    [Fact]
    public void Summarize_NoResponses_ReturnsNullAveragesAndZeroCounts()
    {
        var summary = _analyzer.Summarize([]);

        Assert.Null(summary.CsatAverage);
        Assert.Null(summary.Nps);
        Assert.Equal([0, 0, 0, 0, 0], summary.CsatDistribution);
        Assert.Empty(summary.DimensionAverages);
    }

    [Fact]
    public void Summarize_DimensionScores_AveragesEachDimensionOverItsAnswers()
    {
        SurveyResponse With(int csat, int? speed, int price) => new(
            new TicketId("T" + csat), new CustomerId("C1"), Instant.FromUtc(2024, 5, 1, 0, 0), new CsatScore(csat),
            dimensionScores: speed is { } s
                ? new Dictionary<SatisfactionDimension, int> { [SatisfactionDimension.ResponseSpeed] = s, [SatisfactionDimension.Price] = price }
                : new Dictionary<SatisfactionDimension, int> { [SatisfactionDimension.Price] = price });

        var summary = _analyzer.Summarize([With(5, 5, 2), With(3, 2, 3), With(4, null, 4)]);

        Assert.Equal(3.5, summary.DimensionAverages[SatisfactionDimension.ResponseSpeed], 10);
        Assert.Equal(3.0, summary.DimensionAverages[SatisfactionDimension.Price], 10);
        Assert.False(summary.DimensionAverages.ContainsKey(SatisfactionDimension.Communication));
    }

    [Fact]
    public void Summarize_Themes_ComeOnlyFromLowScoreComments()
    {
        var responses = Enumerable.Range(0, 4).Select(i => KpiTestData.Survey("L" + i, 1, comment: "响应太慢，等了很久"))
            .Append(KpiTestData.Survey("P1", 2, comment: "价格太贵"))
            .Append(KpiTestData.Survey("P2", 2, comment: "价格太贵"))
            .Concat(Enumerable.Range(0, 5).Select(i => KpiTestData.Survey("H" + i, 5, comment: "服务很好")))
            .Concat(Enumerable.Range(0, 5).Select(i => KpiTestData.Survey("M" + i, 3, comment: "还可以吧")));

        var themes = _analyzer.Summarize(responses).NegativeThemes;

        Assert.Equal("响应太慢", themes[0].Term);
        Assert.Equal(4, themes[0].Count);
        Assert.Contains(themes, t => t.Term == "价格太贵" && t.Count == 2);
        Assert.DoesNotContain(themes, t => t.Term.Contains("服务", StringComparison.Ordinal) || t.Term.Contains("可以", StringComparison.Ordinal));
    }

    [Fact]
    public void Summarize_HigherThreshold_IncludesMoreComments()
    {
        var analyzer = new SatisfactionAnalyzer(new SatisfactionOptions { LowScoreThreshold = 3 });

        var themes = analyzer.Summarize([KpiTestData.Survey("1", 3, comment: "还可以吧"), KpiTestData.Survey("2", 3, comment: "还可以吧")]).NegativeThemes;

        Assert.Contains(themes, t => t.Term.Contains("可以", StringComparison.Ordinal));
    }

    [Fact]
    public void NetPromoterScore_AllPromotersOrAllDetractors_IsPlusOrMinusHundred()
    {
        Assert.Equal(100.0, SatisfactionAnalyzer.NetPromoterScore([new NpsScore(9), new NpsScore(10)]));
        Assert.Equal(-100.0, SatisfactionAnalyzer.NetPromoterScore([new NpsScore(0), new NpsScore(6)]));
        Assert.Equal(0.0, SatisfactionAnalyzer.NetPromoterScore([new NpsScore(7), new NpsScore(8)]));
        Assert.Null(SatisfactionAnalyzer.NetPromoterScore([]));
    }

    [Property]
    public Property NetPromoterScore_AnyAnswers_IsWithinMinusHundredAndHundred() =>
        Prop.ForAll(
            Gen.Choose(0, 10).Select(v => new NpsScore(v)).NonEmptyListOf().ToArbitrary(),
            answers => SatisfactionAnalyzer.NetPromoterScore(answers) is { } nps && nps >= -100 && nps <= 100);

    [Property]
    public Property Summarize_AnyScores_DistributionCountsEveryResponseAndAverageIsInRange() =>
        Prop.ForAll(
            Gen.Choose(1, 5).NonEmptyListOf().ToArbitrary(),
            scores =>
            {
                var summary = _analyzer.Summarize(scores.Select((s, i) => KpiTestData.Survey(i.ToString(System.Globalization.CultureInfo.InvariantCulture), s)));
                return summary.CsatDistribution.Sum() == scores.Count
                    && summary.CsatAverage >= 1 && summary.CsatAverage <= 5
                    && Enumerable.Range(1, 5).All(s => summary.CsatDistribution[s - 1] == scores.Count(x => x == s));
            });
}
