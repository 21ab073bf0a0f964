using CrmCore.Churn;
using CrmCore.Customers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Churn;

public class ChurnScorerTests
{
    private static readonly Instant Start = Instant.FromUtc(2024, 5, 6, 1, 0);
    private static readonly CustomerId Customer = new("C202405001");
    private readonly FakeClock _clock = new(Start);
    private readonly InMemoryChurnHistory _history = new();
    private readonly List<HighChurnRiskEntered> _events = [];

    private ChurnScorer Scorer(ChurnOptions? options = null)
    {
        var scorer = new ChurnScorer(options ?? new ChurnOptions(), _clock, _history);
        scorer.HighRiskEntered += (_, e) => _events.Add(e);
        return scorer;
    }

    private static ChurnFactor Factor(string name, double points) => new(name, points, name + " reason", name + " 原因");

    [Fact]
    public void Evaluate_Factors_SumsPointsAndKeepsEveryReason()
    {
        var assessment = Scorer().Evaluate(Customer, [Factor("Silence", 20), Factor("ComplaintSpike", 30), Factor("Nothing", 0)]);

        Assert.Equal(50, assessment.Score);
        Assert.Equal(ChurnBand.Medium, assessment.Band);
        Assert.Equal(["ComplaintSpike", "Silence"], assessment.Factors.Select(f => f.Name));
        Assert.Equal(Start, assessment.EvaluatedAt);
        Assert.Null(assessment.Trend);
    }

    [Theory]
    [InlineData(new double[] { 60, 70 }, 100)]
    [InlineData(new double[] { -30, 10 }, 0)]
    [InlineData(new double[] { 39.5 }, 40)]
    [InlineData(new double[] { 12.4, 0.05 }, 12)]
    [InlineData(new double[0], 0)]
    public void ScoreOf_Points_AreRoundedAndClamped(double[] points, int expected)
    {
        Assert.Equal(expected, ChurnScorer.ScoreOf(points.Select((p, i) => Factor("F" + i, p))));
    }

    [Fact]
    public void Evaluate_CrossingIntoHigh_RaisesOneEventWithFollowUpDueIn24Hours()
    {
        var scorer = Scorer();
        scorer.Evaluate(Customer, [Factor("Silence", 40)]);
        _clock.Advance(Duration.FromDays(7));

        var assessment = scorer.Evaluate(Customer, [Factor("Silence", 40), Factor("ContractEnding", 35)]);

        var raised = Assert.Single(_events);
        Assert.Equal(Customer, raised.Customer);
        Assert.Equal(_clock.GetCurrentInstant() + Duration.FromHours(24), raised.FollowUpDue);
        Assert.Same(assessment, raised.Assessment);
        Assert.Equal(raised.FollowUpDue, assessment.FollowUpDue);
        Assert.Equal(35, assessment.Trend);
        Assert.Equal(ChurnBand.Medium, assessment.PreviousBand);
        Assert.True(assessment.EnteredHighBand);
    }

    [Fact]
    public void Evaluate_StayingHigh_RaisesNoNewEvent()
    {
        var scorer = Scorer();
        scorer.Evaluate(Customer, [Factor("Spike", 80)]);
        _clock.Advance(Duration.FromDays(1));

        var second = scorer.Evaluate(Customer, [Factor("Spike", 90)]);

        Assert.Single(_events);
        Assert.False(second.EnteredHighBand);
        Assert.Null(second.FollowUpDue);
        Assert.Equal(10, second.Trend);
    }

    [Fact]
    public void Evaluate_LeavingAndReenteringHigh_RaisesAgain()
    {
        var scorer = Scorer();
        scorer.Evaluate(Customer, [Factor("Spike", 80)]);
        scorer.Evaluate(Customer, [Factor("Spike", 20)], Start + Duration.FromDays(1));
        scorer.Evaluate(Customer, [Factor("Spike", 75)], Start + Duration.FromDays(2));

        Assert.Equal(2, _events.Count);
        Assert.Equal(Start + Duration.FromDays(3), _events[1].FollowUpDue);
    }

    [Fact]
    public void Evaluate_ConfiguredFollowUpAndThresholds_AreUsed()
    {
        var scorer = Scorer(new ChurnOptions { MediumThreshold = 20, HighThreshold = 50, FollowUpWithin = Duration.FromHours(4) });

        var assessment = scorer.Evaluate(Customer, [Factor("Spike", 55)]);

        Assert.Equal(ChurnBand.High, assessment.Band);
        Assert.Equal(Start + Duration.FromHours(4), Assert.Single(_events).FollowUpDue);
    }

    [Fact]
    public void Evaluate_SavesTheLatestEvaluation()
    {
        Scorer().Evaluate(Customer, [Factor("Spike", 45)]);

        Assert.Equal(new ChurnHistoryEntry(Start, 45, ChurnBand.Medium), _history.GetLatest(Customer));
    }

    [Fact]
    public void Assess_CallerSuppliedPrevious_ReportsTrendWithoutTouchingHistoryOrEvents()
    {
        var assessment = Scorer().Assess(Customer, [Factor("Spike", 72)], Start, new ChurnHistoryEntry(Start - Duration.FromDays(30), 30, ChurnBand.Low));

        Assert.Equal(42, assessment.Trend);
        Assert.True(assessment.EnteredHighBand);
        Assert.Empty(_events);
        Assert.Null(_history.GetLatest(Customer));
    }

    [Fact]
    public void Evaluate_EmptyCustomer_Throws()
    {
        Assert.Throws<ArgumentException>(() => Scorer().Evaluate(default, []));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ChurnScorer(new ChurnOptions { MediumThreshold = 80 }, _clock, _history));
    }

    [Property]
    public Property ScoreOf_AnyFactors_IsFrom0To100() =>
        Prop.ForAll(
            Gen.Choose(-100_000, 100_000).Select(p => p / 100.0).ListOf().ToArbitrary(),
            points =>
            {
                var score = ChurnScorer.ScoreOf(points.Select((p, i) => Factor("F" + i, p)));
                return score is >= 0 and <= 100;
            });

    [Property]
    public Property ScoreOf_SumWithinRange_IsTheRoundedSum() =>
        Prop.ForAll(
            Gen.Choose(0, 25).ListOf().ToArbitrary(),
            points => points.Sum() > 100 || ChurnScorer.ScoreOf(points.Select((p, i) => Factor("F" + i, p))) == points.Sum());
}
