using CrmCore.Churn;
using CrmCore.Customers;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using NodaTime;
using static CrmCore.Tests.Metrics.KpiTestData;

namespace CrmCore.Tests.Metrics;

public class MonthlyReportBuilderTests
{
    /// <summary>Team X (agent x1) resolves 7 of 10, team Y 10 of 10: 85 % in total against a 90 % target; tier C resolves 2 of 3.</summary>
    internal static KpiInput MissedResolution()
    {
        var tickets = Enumerable.Range(0, 10).Select(i => Ticket("X" + i, team: "X", agent: "x1", tier: i is 1 or 3 or 5 ? "C" : "A", resolved: i >= 3))
            .Concat(Enumerable.Range(0, 10).Select(i => Ticket("Y" + i, team: "Y", agent: "y1", tier: "A")))
            .ToList();
        var surveys = Enumerable.Range(0, 3).Select(i => Survey("X" + i, 1, nps: 2, comment: "响应太慢，等了很久"))
            .Append(Survey("X3", 2, comment: "价格太贵"))
            .Append(Survey("X4", 2, comment: "价格太贵"))
            .Concat(Enumerable.Range(0, 10).Select(i => Survey("Y" + i, 5, nps: 10, comment: "很满意")))
            .ToList();
        var customers = Enumerable.Range(0, 50).Select(i => Customer("C" + i, new LocalDate(2023, 1, 1), lost: i < 2 ? new LocalDate(2024, 5, 9) : null)).ToList();
        return new KpiInput(tickets, surveys, customers);
    }

    private static MonthlyReportBuilder Builder(Action<MetricsOptions>? configure = null)
    {
        var options = new MetricsOptions();
        configure?.Invoke(options);
        return new MonthlyReportBuilder(options, new SatisfactionOptions());
    }

    [Fact]
    public void Build_MissedResolution_NamesTheWorstSlicesFirst()
    {
        var report = Builder().Build(MissedResolution(), May);

        var resolution = report.Checks.Single(c => c.Target.Kind == KpiKind.ResolutionRate);
        Assert.False(resolution.Met);
        Assert.Equal(0.85, resolution.Actual!.Value, 10);
        // Weighted by shortfall x size: team X and agent x1 (0.2 x 10) before tier C (0.23 x 3); tier A (88 %) misses by less.
        Assert.Equal(
            [(KpiDimension.Team, "X"), (KpiDimension.Agent, "x1"), (KpiDimension.Tier, "C")],
            resolution.Reasons.Select(r => (r.Dimension, r.Key)));
        Assert.Equal(0.7, resolution.Reasons[0].Kpis.ResolutionRate!.Value, 10);
        Assert.False(report.AllTargetsMet);
    }

    [Fact]
    public void Build_MetTargets_HaveNoReasons()
    {
        var report = Builder().Build(MissedResolution(), May);

        var churn = report.Checks.Single(c => c.Target.Kind == KpiKind.ChurnRate);
        var firstResponse = report.Checks.Single(c => c.Target.Kind == KpiKind.AverageFirstResponse);
        Assert.True(churn.Met); // 2 of 50 = 4 % <= 5 %
        Assert.True(firstResponse.Met);
        Assert.Empty(churn.Reasons);
    }

    [Fact]
    public void Build_DefaultTargets_CheckTheFourKpisOfDocument001()
    {
        var report = Builder().Build(KpiInput.Empty, May);

        Assert.Equal(
            [KpiKind.AverageFirstResponse, KpiKind.ResolutionRate, KpiKind.CsatAverage, KpiKind.ChurnRate],
            report.Checks.Select(c => c.Target.Kind));
        Assert.All(report.Checks, c => Assert.Null(c.Met));
        Assert.False(report.AllTargetsMet); // nothing was measured: no target can be met (it used to say all were)
        Assert.Equal((4, 0, 4), (report.TargetCount, report.TargetsMissed, report.TargetsNotChecked));
    }

    [Fact]
    public void Build_ConfiguredTarget_IsChecked()
    {
        var report = Builder(o =>
        {
            o.Targets.MaxSlaBreachRate = 0.01;
            o.Targets.MinResolutionRate = 0.8;
            o.MaxReasonsPerMiss = 1;
        }).Build(MissedResolution() with { Tickets = [.. MissedResolution().Tickets.Select((t, i) => t with { ResolutionSlaBreached = i == 0 })] }, May);

        Assert.True(report.Checks.Single(c => c.Target.Kind == KpiKind.ResolutionRate).Met);
        var breach = report.Checks.Single(c => c.Target.Kind == KpiKind.SlaBreachRate);
        Assert.False(breach.Met);
        Assert.Single(breach.Reasons);
    }

    [Fact]
    public void Build_SatisfactionAndThemes_CoverOnlyTheMonth()
    {
        var input = MissedResolution();
        input = input with { Surveys = [.. input.Surveys, Survey("Y1", 1, comment: "四月的意见", answered: Instant.FromUtc(2024, 4, 2, 0, 0))] };

        var report = Builder().Build(input, May);

        Assert.Equal(15, report.Satisfaction.ResponseCount);
        Assert.Equal([3, 2, 0, 0, 10], report.Satisfaction.CsatDistribution);
        Assert.Equal("响应太慢", report.Satisfaction.NegativeThemes[0].Term);
    }

    [Fact]
    public void Build_ChurnAssessments_ListsOnlyHighBandHighestFirst()
    {
        ChurnAssessment Risk(string id, int score, ChurnBand band) => new()
        {
            Customer = new CustomerId(id),
            EvaluatedAt = At(20),
            Score = score,
            Band = band,
            Factors = [new ChurnFactor("ComplaintSpike", score, "Complaints doubled", "投诉量翻倍")],
        };

        var report = Builder().Build(KpiInput.Empty, May, [Risk("C1", 75, ChurnBand.High), Risk("C2", 50, ChurnBand.Medium), Risk("C3", 90, ChurnBand.High)]);

        Assert.Equal(["C3", "C1"], report.HighRiskCustomers.Select(r => r.Customer.Value));
    }
}
