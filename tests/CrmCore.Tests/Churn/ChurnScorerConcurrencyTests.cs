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
        // A history that takes a while to answer widens the window between reading the previous entry and storing the new one.
        var scorer = new ChurnScorer(new ChurnOptions(), new FakeClock(Start), new SlowHistory());
        var events = new ConcurrentBag<HighChurnRiskEntered>();
        scorer.HighRiskEntered += (_, e) => events.Add(e);
        scorer.Evaluate(Customer, [new ChurnFactor("Silence", 10, "quiet", "沉默")], Start);

        var entered = new ConcurrentBag<ChurnAssessment>();
        const int threadCount = 8;
        using var barrier = new Barrier(threadCount);
        var threads = Enumerable.Range(0, threadCount).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            for (var i = 0; i < 10; i++)
            {
                var assessment = scorer.Evaluate(Customer, HighFactors, Start + Duration.FromMinutes(1 + ((t + i) % 5)));
                if (assessment.EnteredHighBand)
                {
                    entered.Add(assessment);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

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

    private sealed class SlowHistory : IChurnHistory
    {
        private readonly InMemoryChurnHistory _inner = new();

        public ChurnHistoryEntry? GetLatest(CustomerId customer)
        {
            Thread.Sleep(1);
            return _inner.GetLatest(customer);
        }

        public void Save(CustomerId customer, ChurnHistoryEntry entry) => _inner.Save(customer, entry);

        public ChurnHistoryExchange Exchange(CustomerId customer, ChurnHistoryEntry next)
        {
            Thread.Sleep(1);
            return _inner.Exchange(customer, next);
        }
    }
}
