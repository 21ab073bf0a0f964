using System.Globalization;
using BenchmarkDotNet.Attributes;
using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Benchmarks.Routing;

/// <summary>
/// Picking the next ticket for an agent with a skills filter among N waiting tickets: the queue's NextFor (take + re-enqueue so N
/// stays constant), a LINQ sort (baseline), a PriorityQueue top-K pass over every ticket, and the queue's own ranked top 100.
/// 10 static priorities x 5 skill sets x 2 groups = 100 buckets; the agent may serve 30 of them.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class TicketQueueBenchmarks
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 9, 0);
    private TicketQueue _queue = null!;
    private QueuedTicket[] _tickets = null!;
    private Agent _agent = null!;
    private SlaTerm _term = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var groups = new[] { new TeamId("tech"), new TeamId("service") };
        var skills = new[]
        {
            SkillSet.Empty,
            SkillSet.Of(Skill.Technical),
            SkillSet.Of(Skill.AfterSales),
            SkillSet.Create(new SkillLevel(Skill.Technical, 4)),
            SkillSet.Of(Skill.Billing),
        };
        var random = new Random(42);
        var ids = new TicketId[N];
        for (var i = 0; i < N; i++)
        {
            ids[i] = new TicketId("WT" + i.ToString("D8", CultureInfo.InvariantCulture));
        }

        _tickets = new QueuedTicket[N];
        for (var i = 0; i < N; i++)
        {
            _tickets[i] = new QueuedTicket(ids[i], groups[random.Next(2)], random.Next(10) * 100,
                random.Next(10) == 0 ? null : Now + Duration.FromMinutes(random.Next(-2 * 1440, 3 * 1440)),
                skills[random.Next(skills.Length)], Now - Duration.FromSeconds(random.Next(86_400)));
        }

        _term = SlaTerm.Default;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        _queue = new TicketQueue(_term);
        foreach (var t in _tickets)
        {
            _queue.Enqueue(t);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var presized = new TicketQueue(_term, N);
        foreach (var t in _tickets)
        {
            presized.Enqueue(t);
        }

        var afterPresized = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// Retained by the queue: {(after - before) / (double)N:F1} bytes per ticket at N={N} (grown), " +
            $"{(afterPresized - after) / (double)N:F1} (presized)");
        GC.KeepAlive(presized);

        _agent = new Agent(new AgentId("bench"), "Bench", groups[0],
            SkillSet.Create(new SkillLevel(Skill.Technical, 3), new SkillLevel(Skill.AfterSales)), 1000);
        _agent.SetAvailability(Availability.Online);
    }

    [Benchmark]
    public TicketId NextFor()
    {
        var ticket = _queue.NextFor(_agent, Now)!.Value;
        _agent.ReleaseSlot();
        _queue.Enqueue(ticket);
        return ticket.Id;
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
            .First().Id;
    }

    [Benchmark]
    public int PriorityQueue_TopK_FullReRank()
    {
        // A plain heap pass: score every ticket at now, keep the best 100 in a min-heap.
        var heap = new PriorityQueue<int, long>(101);
        var tickets = _tickets;
        for (var i = 0; i < tickets.Length; i++)
        {
            var score = _term.Score(tickets[i].StaticPriority, tickets[i].Due, Now);
            if (heap.Count < 100)
            {
                heap.Enqueue(i, score);
            }
            else if (heap.TryPeek(out _, out var lowest) && score > lowest)
            {
                heap.DequeueEnqueue(i, score);
            }
        }

        return heap.Count;
    }

    [Benchmark]
    public int Queue_Top100_ReRank() => _queue.Top(100, Now).Count;
}
