using System.Diagnostics;
using CrmCore.Routing;

namespace CrmCore.Benchmarks.Routing;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/CrmCore.Benchmarks -- queue-check</c>: NextFor taking distinct tickets, timed by
/// the process's CPU time (<see cref="Environment.CpuUsage"/>, getrusage, microsecond resolution) (time spent descheduled on a loaded machine is not counted), at 10k/100k/1M queued tickets and 12 or
/// 48 eligible buckets, plus the bytes retained per ticket with the default growth. Per round, 2,000 tickets are taken one
/// after another and then put back (the putting back is not timed). Warmed until the JIT compiles nothing new.
/// </summary>
internal static class QueueCpuTimeCheck
{
    private const int Takes = 2000;

    public static void Run()
    {
        foreach (var n in new[] { 10_000, 100_000, 1_000_000 })
        {
            foreach (var eligible in new[] { 12, 48 })
            {
                var tickets = QueueBenchmarkData.Tickets(n, eligible / 3, seed: 42, "WT");
                var (queue, bytes) = QueueBenchmarkData.Fill(tickets);
                var agent = QueueBenchmarkData.Agent();
                var taken = new QueuedTicket[Takes];
                var stable = 0;
                var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
                for (var r = 0; r < 200 && stable < 8; r++)
                {
                    Round(queue, agent, taken);
                    Thread.Sleep(50); // longer than the 100 ms call-counting delay over the stable rounds
                    var now = System.Runtime.JitInfo.GetCompiledMethodCount();
                    stable = now == compiled && r >= 5 ? stable + 1 : 0;
                    compiled = now;
                }

                const int Rounds = 50;
                TimeSpan cpu = default;
                long wall = 0;
                for (var r = 0; r < Rounds; r++)
                {
                    var (c, w) = Round(queue, agent, taken);
                    cpu += c;
                    wall += w;
                }

                var ops = (double)Rounds * Takes;
                Console.WriteLine($"N={n,9:N0} eligible={eligible,2}: NextFor CPU {cpu.TotalNanoseconds / ops,7:F0} ns/op, " +
                    $"wall {Stopwatch.GetElapsedTime(0, wall).TotalNanoseconds / ops,7:F0} ns/op; retained {bytes:F1} B per ticket (default growth)");
                GC.KeepAlive(queue);
            }
        }
    }

    private static (TimeSpan Cpu, long Wall) Round(TicketQueue queue, CrmCore.Agents.Agent agent, QueuedTicket[] taken)
    {
        var now = QueueBenchmarkData.Now;
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.GetTimestamp();
        for (var i = 0; i < Takes; i++)
        {
            taken[i] = queue.NextFor(agent, now) ?? default;
            agent.ReleaseSlot();
        }

        var elapsed = Stopwatch.GetTimestamp() - wall;
        var used = Environment.CpuUsage.TotalTime - cpu;
        foreach (var t in taken)
        {
            queue.Enqueue(t);
        }

        return (used, elapsed);
    }
}
