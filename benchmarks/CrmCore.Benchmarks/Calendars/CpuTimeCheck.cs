using System.Diagnostics;
using NodaTime;

namespace CrmCore.Benchmarks.Calendars;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/CrmCore.Benchmarks -- cpu-check</c>: the calendar operations timed by the process's
/// CPU time (<see cref="Environment.CpuUsage"/>, getrusage: microsecond resolution; <c>Process.TotalProcessorTime</c> counts in 10 ms
/// clock ticks on Linux) instead of wall time, so time spent descheduled on a loaded machine is not counted (BenchmarkDotNet measures wall
/// time). Each operation runs over the same 4,096 inputs as the benchmarks: warm-up rounds until the JIT has compiled nothing new
/// for eight rounds in a row (pauses of 50 ms, beyond the runtime's 100 ms tiering delay) (with pauses so the background tier-1 compiler gets CPU on a loaded machine), then the measured
/// rounds (200; fewer for the slow day walks); the lean day walk is measured the same way. Single-threaded; the background JIT and GC threads are counted too, so it errs high.
/// </summary>
internal static class CpuTimeCheck
{
    public static void Run()
    {
        var calendar = BenchmarkData.ChinaCalendar();
        var walk = new DayWalkCalendar(calendar.Definition);
        var starts = BenchmarkData.Starts(4096);
        var ends = starts.Select((s, i) => s + Duration.FromDays(1) - Duration.FromMinutes(i % 600)).ToArray();
        var yearEnds = starts.Select((s, i) => s + Duration.FromDays(365) - Duration.FromMinutes(i % 600)).ToArray();
        Instant sink = default;
        long total = 0;
        Measure("Lean day walk AddWorkingDays(2)", starts, s => sink = walk.AddWorkingDays(s, 2), 20);
        Measure("AddWorkingDays(2)", starts, s => sink = calendar.AddWorkingDays(s, 2));
        Measure("AddWorkingDays(-2)", starts, s => sink = calendar.AddWorkingDays(s, -2));
        Measure("Lean day walk AddWorkingDays(30)", starts, s => sink = walk.AddWorkingDays(s, 30), 20);
        Measure("AddWorkingDays(30)", starts, s => sink = calendar.AddWorkingDays(s, 30));
        Measure("AddWorkingDays(-30)", starts, s => sink = calendar.AddWorkingDays(s, -30));
        Measure("Lean day walk Add(8 h)", starts, s => sink = walk.Add(s, Duration.FromHours(8)), 20);
        Measure("Add(8 h)", starts, s => sink = calendar.Add(s, Duration.FromHours(8)));
        Measure("Subtract(8 h)", starts, s => sink = calendar.Subtract(s, Duration.FromHours(8)));
        Measure("Lean day walk Add(225 h)", starts, s => sink = walk.Add(s, Duration.FromHours(225)), 5);
        Measure("Add(225 h)", starts, s => sink = calendar.Add(s, Duration.FromHours(225)));
        Measure("Subtract(225 h)", starts, s => sink = calendar.Subtract(s, Duration.FromHours(225)));
        var i = 0;
        Measure("Lean day walk Between(1 day)", starts, s => total += walk.Between(s, ends[i++ & 4095]).BclCompatibleTicks, 20);
        Measure("BusinessTimeBetween(1 day)", starts, s => total += calendar.BusinessTimeBetween(s, ends[i++ & 4095]).BclCompatibleTicks);
        Measure("Lean day walk Between(365 days)", starts, s => total += walk.Between(s, yearEnds[i++ & 4095]).BclCompatibleTicks, 1);
        Measure("BusinessTimeBetween(365 days)", starts, s => total += calendar.BusinessTimeBetween(s, yearEnds[i++ & 4095]).BclCompatibleTicks);
        GC.KeepAlive(sink);
        GC.KeepAlive(total);
    }

    private static void Measure(string name, Instant[] inputs, Action<Instant> op, int rounds = 200)
    {
        // Warm until the JIT is done: tier-0 code, OSR and the background tier-1 compile must be over before measuring.
        var stable = 0;
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var r = 0; r < 500 && stable < 8; r++)
        {
            foreach (var s in inputs)
            {
                op(s);
            }

            Thread.Sleep(50); // longer than the 100 ms call-counting delay over the stable rounds
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            stable = now == compiled && r >= 5 ? stable + 1 : 0;
            compiled = now;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.GetTimestamp();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var s in inputs)
            {
                op(s);
            }
        }

        var ops = (double)rounds * inputs.Length;
        var cpuNs = (Environment.CpuUsage.TotalTime - cpu).TotalNanoseconds / ops;
        var wallNs = Stopwatch.GetElapsedTime(wall).TotalNanoseconds / ops;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / ops;
        Console.WriteLine($"{name,-36} CPU {cpuNs,9:F1} ns/op   wall {wallNs,9:F1} ns/op   {bytes:F1} B/op");
    }
}
