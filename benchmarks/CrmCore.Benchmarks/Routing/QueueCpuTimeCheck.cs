using System.Diagnostics;
using CrmCore.Agents;
using CrmCore.Routing;

namespace CrmCore.Benchmarks.Routing;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/CrmCore.Benchmarks -- queue-check</c>: NextFor taking distinct tickets, the
/// current <see cref="TicketQueue"/> against <see cref="PreviousTicketQueue"/> (the queue at 53b427a) in the same process, rounds
/// alternating between the two, at 10k/100k/1M queued tickets and 12 or 48 eligible buckets. Per round, 2,000 tickets are taken
/// one after another (each call finds a new best ticket and removes it) and then put back (not timed).
/// <list type="bullet">
/// <item>Mean per call by the process's CPU time (<see cref="Environment.CpuUsage"/>, getrusage): time spent descheduled on a
/// loaded machine is not counted (the runtime's other threads are).</item>
/// <item>Per-call wall time (<see cref="Stopwatch"/>, its own cost of about 20–30 ns included): median and p99 over all calls, and
/// over the "undisturbed" rounds only, whose wall time was at most 1.1× their CPU time (the process kept its core).</item>
/// <item>Bytes retained per ticket with the default growth (full GC before and after filling).</item>
/// </list>
/// Warmed until the JIT compiles nothing new for eight rounds 50 ms apart. <c>queue-check scaling</c> runs 1M tickets with 3, 12, 48
/// and 192 eligible buckets (1, 4, 16 and 64 static priorities × 3 skill sets).
/// </summary>
internal static class QueueCpuTimeCheck
{
    private const int Takes = 2000;
    private const int Rounds = 60;

    public static void Run(int[] sizes, int[] eligibleBuckets)
    {
        Console.WriteLine($"// load average at start: {LoadAverage()}; Stopwatch overhead per call ≈ {StopwatchOverheadNs():F0} ns");
        foreach (var n in sizes)
        {
            foreach (var eligible in eligibleBuckets)
            {
                var tickets = QueueBenchmarkData.Tickets(n, eligible / 3, seed: 42, "WT");
                var current = new Side("current", QueueBenchmarkData.Fill(tickets), QueueBenchmarkData.Agent());
                var previous = new Side("previous", QueueBenchmarkData.Fill(tickets, static () => new PreviousTicketQueue(), static (queue, t) => queue.Enqueue(t)), QueueBenchmarkData.Agent());
                var stable = 0;
                var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
                for (var r = 0; r < 200 && stable < 8; r++)
                {
                    current.Round(record: false);
                    previous.Round(record: false);
                    Thread.Sleep(50); // longer than the 100 ms call-counting delay over the stable rounds
                    var now = System.Runtime.JitInfo.GetCompiledMethodCount();
                    stable = now == compiled && r >= 5 ? stable + 1 : 0;
                    compiled = now;
                }

                for (var r = 0; r < Rounds; r++)
                {
                    // Alternate which side goes first so that neither always runs right after the other's cache traffic.
                    var (first, second) = r % 2 == 0 ? (current, previous) : (previous, current);
                    first.Round(record: true);
                    second.Round(record: true);
                }

                Console.WriteLine($"N={n,9:N0} eligible={eligible,2}: {current.Report()} | {previous.Report()} | " +
                    $"current/previous CPU {current.CpuNs / previous.CpuNs:F2}");
                GC.KeepAlive(current);
                GC.KeepAlive(previous);
            }
        }

        Console.WriteLine($"// load average at end: {LoadAverage()}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double StopwatchOverheadNs()
    {
        var samples = new long[10_001];
        for (var i = 0; i < samples.Length; i++)
        {
            var a = Stopwatch.GetTimestamp();
            samples[i] = Stopwatch.GetTimestamp() - a;
        }

        Array.Sort(samples);
        return samples[samples.Length / 2] * 1e9 / Stopwatch.Frequency;
    }

    private sealed class Side
    {
        private readonly string _name;
        private readonly TicketQueue? _current;
        private readonly PreviousTicketQueue? _previous;
        private readonly Agent _agent;
        private readonly double _bytes;
        private readonly QueuedTicket[] _taken = new QueuedTicket[Takes];
        private readonly long[] _ticks = new long[Takes];
        private readonly List<long> _all = [];
        private readonly List<long> _undisturbed = [];
        private TimeSpan _cpu;
        private int _calls;

        public Side(string name, (TicketQueue Queue, double Bytes) filled, Agent agent)
        {
            (_name, _current, _bytes, _agent) = (name, filled.Queue, filled.Bytes, agent);
        }

        public Side(string name, (PreviousTicketQueue Queue, double Bytes) filled, Agent agent)
        {
            (_name, _previous, _bytes, _agent) = (name, filled.Queue, filled.Bytes, agent);
        }

        public double CpuNs => _cpu.TotalNanoseconds / _calls;

        public void Round(bool record)
        {
            var now = QueueBenchmarkData.Now;
            var cpu = Environment.CpuUsage.TotalTime;
            var wall = Stopwatch.GetTimestamp();
            for (var i = 0; i < Takes; i++)
            {
                var start = Stopwatch.GetTimestamp();
                _taken[i] = (_current is not null ? _current.NextFor(_agent, now) : _previous!.NextFor(_agent, now)) ?? default;
                _ticks[i] = Stopwatch.GetTimestamp() - start;
                _agent.ReleaseSlot();
            }

            var elapsed = Stopwatch.GetElapsedTime(wall);
            var used = Environment.CpuUsage.TotalTime - cpu;
            foreach (var t in _taken)
            {
                if (_current is not null)
                {
                    _current.Enqueue(t);
                }
                else
                {
                    _previous!.Enqueue(t);
                }
            }

            if (!record)
            {
                return;
            }

            _cpu += used;
            _calls += Takes;
            _all.AddRange(_ticks);
            if (elapsed.TotalNanoseconds <= 1.1 * used.TotalNanoseconds)
            {
                _undisturbed.AddRange(_ticks);
            }
        }

        public string Report()
        {
            static double Ns(List<long> sorted, double q) =>
                sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, q * sorted.Count)] * 1e9 / Stopwatch.Frequency;
            _all.Sort();
            _undisturbed.Sort();
            return $"{_name}: CPU {CpuNs,5:F0} ns/op, per call median {Ns(_all, 0.5),5:F0} p99 {Ns(_all, 0.99),6:F0} ns, " +
                $"undisturbed ({_undisturbed.Count / Takes}/{Rounds} rounds) median {Ns(_undisturbed, 0.5),5:F0} p99 {Ns(_undisturbed, 0.99),6:F0} ns, " +
                $"{_bytes:F1} B/ticket";
        }
    }
}
