using BenchmarkDotNet.Attributes;
using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Benchmarks.Calendars;

/// <summary>
/// AddWorkingDays(start, n) on the China calendar (2025–2026 official holidays and make-up days) for 4,096 start instants spread
/// over 2025: the lean day walk (baseline), the precomputed calendar forwards, and backwards (n negative) at the same |n|.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(10)]
[IterationCount(10)]
public class CalendarAddWorkingDaysBenchmarks
{
    private const int Count = 4096;
    private BusinessCalendar _calendar = null!;
    private DayWalkCalendar _walk = null!;
    private Instant[] _starts = null!;

    /// <summary>The number of working days.</summary>
    [Params(2, 30)]
    public int Days { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkData.ChinaCalendar();
        _walk = new DayWalkCalendar(_calendar.Definition);
        _starts = BenchmarkData.Starts(Count);
        for (var i = 0; i < Count; i++)
        {
            if (_walk.AddWorkingDays(_starts[i], Days) != _calendar.AddWorkingDays(_starts[i], Days))
            {
                throw new InvalidOperationException($"Baseline and calendar disagree at {_starts[i]}.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public Instant LeanDayWalkForward()
    {
        var last = default(Instant);
        foreach (var s in _starts)
        {
            last = _walk.AddWorkingDays(s, Days);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public Instant PrecomputedForward()
    {
        var last = default(Instant);
        foreach (var s in _starts)
        {
            last = _calendar.AddWorkingDays(s, Days);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public Instant PrecomputedBackward()
    {
        var last = default(Instant);
        foreach (var s in _starts)
        {
            last = _calendar.AddWorkingDays(s, -Days);
        }

        return last;
    }
}
