using System.Diagnostics;
using System.Globalization;

namespace CrmCore.Benchmarks.Storage;

/// <summary>
/// The .NET runtime's own counters at one instant (bytes allocated, collections, thread-pool work items, lock contentions, the
/// process's voluntary and involuntary context switches on Linux), so that a run can say where its client CPU per operation goes.
/// </summary>
internal readonly record struct RuntimeCounts(long Allocated, int Gen0, int Gen1, int Gen2, long WorkItems, long Contentions, long Voluntary, long Involuntary, int Threads)
{
    /// <summary>Reads the counters now.</summary>
    public static RuntimeCounts Now()
    {
        var (voluntary, involuntary) = ContextSwitches();
        return new RuntimeCounts(
            GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            ThreadPool.CompletedWorkItemCount,
            Monitor.LockContentionCount,
            voluntary,
            involuntary,
            ThreadPool.ThreadCount);
    }

    /// <summary>The difference between two readings (the thread count is the later one's).</summary>
    public static RuntimeCounts operator -(RuntimeCounts later, RuntimeCounts earlier) => new(
        later.Allocated - earlier.Allocated,
        later.Gen0 - earlier.Gen0,
        later.Gen1 - earlier.Gen1,
        later.Gen2 - earlier.Gen2,
        later.WorkItems - earlier.WorkItems,
        later.Contentions - earlier.Contentions,
        later.Voluntary - earlier.Voluntary,
        later.Involuntary - earlier.Involuntary,
        later.Threads);

    /// <summary>The difference per operation, as one line.</summary>
    public string Per(double operations) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Allocated / operations:N0} B allocated, {WorkItems / operations:F2} thread-pool work items, {Contentions / operations:F3} lock contentions, {Voluntary / operations:F2} voluntary / {Involuntary / operations:F2} involuntary context switches; GCs {Gen0}/{Gen1}/{Gen2}; pool threads {Threads}");

    // Summed over the process's threads (Linux: /proc/self/task/*/status); zero elsewhere.
    private static (long Voluntary, long Involuntary) ContextSwitches()
    {
        long voluntary = 0, involuntary = 0;
        if (!OperatingSystem.IsLinux())
        {
            return (0, 0);
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        voluntary += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                    else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        involuntary += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // the thread ended meanwhile
            }
        }

        return (voluntary, involuntary);
    }
}
