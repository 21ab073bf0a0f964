using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CrmCore.Agents;
using CrmCore.Routing;
using NodaTime;

namespace CrmCore.Benchmarks.Routing;

/// <summary>
/// NextFor taking distinct tickets: each iteration takes <see cref="Takes"/> tickets one after another from a queue of N (so
/// every call finds a different best ticket and removes it), then puts them back outside the measurement. Besides the mean, each
/// call is timed with <see cref="System.Diagnostics.Stopwatch"/> (about 20–30 ns of overhead included) and the median and p99
/// over all measured calls are printed at the end ("// NextFor latency ..."). The queue is filled with the default growth and its
/// retained bytes per ticket are printed too ("// Retained ...").
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 8, iterationCount: 15, invocationCount: 1)]
public class TicketQueueNextForBenchmarks
{
    private const int Takes = 2000;
    private readonly QueuedTicket[] _taken = new QueuedTicket[Takes];
    private readonly List<long> _latencies = [];
    private TicketQueue _queue = null!;
    private Agent _agent = null!;

    /// <summary>Queued tickets.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    /// <summary>Buckets the agent is eligible for (3 skill sets × static priorities).</summary>
    [Params(12, 48)]
    public int EligibleBuckets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var tickets = QueueBenchmarkData.Tickets(N, EligibleBuckets / 3, seed: 42, "WT");
        (_queue, var bytes) = QueueBenchmarkData.Fill(tickets);
        _agent = QueueBenchmarkData.Agent();
        Console.WriteLine($"// Retained by the queue: {bytes:F1} bytes per ticket at N={N} (default growth)");
    }

    [IterationCleanup]
    public void PutBack()
    {
        foreach (var t in _taken)
        {
            if (!t.Id.IsEmpty)
            {
                _queue.Enqueue(t);
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Takes)]
    public int NextForDistinctTickets()
    {
        var now = QueueBenchmarkData.Now;
        for (var i = 0; i < Takes; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            _taken[i] = _queue.NextFor(_agent, now) ?? default;
            var end = System.Diagnostics.Stopwatch.GetTimestamp();
            _latencies.Add(end - start);
            _agent.ReleaseSlot(); // the agent's capacity is at most 1,000 open tickets
        }

        return _queue.Count;
    }

    [GlobalCleanup]
    public void Report()
    {
        // The first quarter of the calls (warm-up iterations) is dropped.
        var measured = _latencies.Skip(_latencies.Count / 4).Order().ToArray();
        if (measured.Length == 0)
        {
            return;
        }

        double Ns(double q) => measured[(int)Math.Min(measured.Length - 1, q * measured.Length)] * 1e9 / System.Diagnostics.Stopwatch.Frequency;
        Console.WriteLine($"// NextFor latency N={N} eligible={EligibleBuckets}: median {Ns(0.5):F0} ns, p90 {Ns(0.9):F0} ns, p99 {Ns(0.99):F0} ns, p99.9 {Ns(0.999):F0} ns over {measured.Length} calls");
    }
}
