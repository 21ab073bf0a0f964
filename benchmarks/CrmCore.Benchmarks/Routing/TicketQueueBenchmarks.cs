using BenchmarkDotNet.Attributes;
using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Benchmarks.Routing;

/// <summary>
/// Picking the best ticket for an agent among N waiting tickets without the queue: a LINQ sort (baseline) and a plain loop over
/// an array (one pass, same order as the queue), next to the queue's own ranked view of the best 100 (<see cref="TicketQueue.Top"/>,
/// which ignores agents and takes nothing). NextFor with distinct tickets is in <see cref="TicketQueueNextForBenchmarks"/>.
/// 16 static priorities × 5 skill sets × 2 groups; the agent may serve 48 of the buckets.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 6, iterationCount: 8)]
public class TicketQueueBenchmarks
{
    private static readonly Instant Now = QueueBenchmarkData.Now;
    private TicketQueue _queue = null!;
    private QueuedTicket[] _tickets = null!;
    private Agent _agent = null!;
    private SlaTerm _term = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tickets = QueueBenchmarkData.Tickets(N, 16, seed: 42, "WT");
        _term = SlaTerm.Default;
        (_queue, _) = QueueBenchmarkData.Fill(_tickets);
        _agent = QueueBenchmarkData.Agent();
        var linq = Linq_OrderByDescending_First();
        var loop = PlainLoop_BestEligible();
        if (linq != loop)
        {
            throw new InvalidOperationException($"LINQ and the plain loop disagree: {linq} vs {loop}.");
        }
    }

    [Benchmark(Baseline = true)]
    public TicketId Linq_OrderByDescending_First()
    {
        var agent = _agent;
        var term = _term;
        return _tickets
            .Where(t => agent.Serves(t.Group) && agent.Skills.Covers(t.RequiredSkills))
            .OrderByDescending(t => term.Score(t.StaticPriority, t.Due, Now))
            .ThenBy(t => t.Due ?? Instant.MaxValue)
            .ThenBy(t => t.EnqueuedAt)
            .ThenBy(t => t.Id.Value, StringComparer.Ordinal)
            .First().Id;
    }

    [Benchmark]
    public TicketId PlainLoop_BestEligible()
    {
        var tickets = _tickets;
        var agent = _agent;
        var best = -1;
        long bestScore = 0;
        for (var i = 0; i < tickets.Length; i++)
        {
            ref readonly var t = ref tickets[i];
            if (!agent.Serves(t.Group) || !agent.Skills.Covers(t.RequiredSkills))
            {
                continue;
            }

            var score = _term.Score(t.StaticPriority, t.Due, Now);
            if (best < 0 || score > bestScore || (score == bestScore && Earlier(t, tickets[best])))
            {
                best = i;
                bestScore = score;
            }
        }

        return tickets[best].Id;
    }

    [Benchmark]
    public int Queue_Top100_RankedView_NoAgentNoRemoval() => _queue.Top(100, Now).Count;

    private static bool Earlier(in QueuedTicket a, in QueuedTicket b)
    {
        var da = a.Due ?? Instant.MaxValue;
        var db = b.Due ?? Instant.MaxValue;
        if (da != db)
        {
            return da < db;
        }

        return a.EnqueuedAt != b.EnqueuedAt ? a.EnqueuedAt < b.EnqueuedAt : string.CompareOrdinal(a.Id.Value, b.Id.Value) < 0;
    }
}
