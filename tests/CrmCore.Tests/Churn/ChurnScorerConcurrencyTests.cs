using System.Collections.Concurrent;
using CrmCore.Churn;
using CrmCore.Customers;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Churn;

public class ChurnScorerConcurrencyTests
{
    private static readonly Instant Start = Instant.FromUtc(2024, 5, 6, 1, 0);
    private static readonly CustomerId Customer = new("C202405001");
    private static readonly ChurnFactor[] HighFactors = [new("ContractEnding", 80, "contract ends", "合同到期")];

    [Fact]
    public void Evaluate_ManyThreadsCrossIntoHigh_RaiseExactlyOneEvent()
    {
        var scorer = new ChurnScorer(new ChurnOptions(), new FakeClock(Start), new InMemoryChurnHistory());
        var events = new ConcurrentBag<HighChurnRiskEntered>();
        scorer.HighRiskEntered += (_, e) => events.Add(e);
        scorer.Evaluate(Customer, [new ChurnFactor("Silence", 10, "quiet", "沉默")], Start);

        var entered = new ConcurrentBag<ChurnAssessment>();
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var assessment = scorer.Evaluate(Customer, HighFactors, Start + Duration.FromMinutes(1 + (i % 5)));
            if (assessment.EnteredHighBand)
            {
                entered.Add(assessment);
            }
        });

        Assert.Single(events);
        Assert.Single(entered);
    }

    [Fact]
    public void Evaluate_OlderThanTheStoredEvaluation_IsIgnoredAndReported()
    {
        var history = new InMemoryChurnHistory();
        var scorer = new ChurnScorer(new ChurnOptions(), new FakeClock(Start), history);
        var events = new List<HighChurnRiskEntered>();
        scorer.HighRiskEntered += (_, e) => events.Add(e);
        scorer.Evaluate(Customer, [new ChurnFactor("Silence", 10, "quiet", "沉默")], Start + Duration.FromHours(1));

        var stale = scorer.Evaluate(Customer, HighFactors, Start);

        Assert.True(stale.IsOutOfDate);
        Assert.False(stale.EnteredHighBand);
        Assert.Null(stale.FollowUpDue);
        Assert.Empty(events);
        Assert.Equal(new ChurnHistoryEntry(Start + Duration.FromHours(1), 10, ChurnBand.Low), history.GetLatest(Customer));
    }
}
