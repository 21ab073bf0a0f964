using CrmCore.Rules.Bulk;
using CrmCore.Rules.Tests.Bulk.Shared;

namespace CrmCore.Benchmarks.BulkTagging;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/CrmCore.Benchmarks -- bulk-check</c>: the competitors of <see cref="BulkTaggingBenchmarks"/>
/// at 1M customers, timed by the process's CPU time (<see cref="Environment.CpuUsage"/>) so that time spent descheduled on a loaded
/// machine is not counted. Each competitor is warmed until the JIT has compiled nothing new for five rounds, then the rounds are
/// interleaved (A B C D A B C D …) so that load changes hit all alike; the least and the median CPU time per run are reported, with
/// GB/s over the bytes of the columns each run reads and writes.
/// </summary>
internal static class BulkCpuTimeCheck
{
    public static void Run(int customers = 1_000_000, int rounds = 30)
    {
        var store = BulkTestData.Store(BulkTestData.Customers(customers, seed: 42));
        var now = BulkTestData.Now;
        var zone = BulkTestData.Zone;
        Console.WriteLine($"{customers:N0} customers, {rounds} interleaved rounds, CPU time per run; Vector256 accelerated: {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}");
        foreach (var rules in new[] { "default", "synthetic" })
        {
            var set = rules == "default" ? BulkTestData.DefaultPack() : BulkTestData.Synthetic();
            var handWritten = rules == "default" ? (Action<CustomerStore, NodaTime.Instant, NodaTime.DateTimeZone, ulong[], short[]>)HandWrittenClassifiers.DefaultPack : HandWrittenClassifiers.Synthetic;
            var names = rules == "default" ? ColumnSum.DefaultColumns : ColumnSum.SyntheticColumns;
            var arrays = ColumnSum.Arrays(store, names);
            var bytes = (double)ColumnSum.BytesPerRow(names) * customers;
            var vectorised = new BulkClassifier(set);
            var scalar = new BulkClassifier(set, vectorise: false);
            var masks = new ulong[customers];
            var tiers = new short[customers];
            ulong sink = 0;
            (string Name, Action Run)[] competitors =
            [
                ("hand-written scalar (baseline)", () => handWritten(store, now, zone, masks, tiers)),
                ("vectorised kernel", () => vectorised.ClassifyAll(store, now, zone)),
                ("scalar column loop", () => scalar.ClassifyAll(store, now, zone)),
                ("column sum (bandwidth)", () => sink += ColumnSum.Sum(arrays)),
            ];
            foreach (var (_, run) in competitors)
            {
                Warm(run);
            }

            var times = competitors.Select(_ => new List<double>()).ToArray();
            for (var r = 0; r < rounds; r++)
            {
                for (var c = 0; c < competitors.Length; c++)
                {
                    var before = Environment.CpuUsage.UserTime + Environment.CpuUsage.PrivilegedTime;
                    competitors[c].Run();
                    var after = Environment.CpuUsage.UserTime + Environment.CpuUsage.PrivilegedTime;
                    times[c].Add((after - before).TotalMilliseconds);
                }
            }

            Console.WriteLine($"rules: {rules} ({set.Tags.Count} tags, {set.Tiers.Count} tiers), {bytes / customers:F0} B per customer in the columns read and written");
            var baseline = Median(times[0]);
            for (var c = 0; c < competitors.Length; c++)
            {
                var min = times[c].Min();
                var median = Median(times[c]);
                Console.WriteLine($"  {competitors[c].Name,-32} min {min,8:F2} ms  median {median,8:F2} ms  baseline/this {baseline / median,6:F2}x  {bytes / (median / 1000) / 1e9,6:F2} GB/s (median)");
            }

            GC.KeepAlive(sink);
        }
    }

    private static void Warm(Action run)
    {
        var stable = 0;
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var r = 0; r < 200 && stable < 5; r++)
        {
            run();
            Thread.Sleep(120); // beyond the runtime's 100 ms tiering delay, so the background tier-1 compile gets its turn
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            stable = now == compiled && r >= 3 ? stable + 1 : 0;
            compiled = now;
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
