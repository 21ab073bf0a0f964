using BenchmarkDotNet.Attributes;
using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Benchmarks.Calendars;

/// <summary>AddWorkingDays(start, 30) on the China calendar (2025–2026 official holidays and make-up days): precomputed vs day walk.</summary>
[MemoryDiagnoser]
public class CalendarAddWorkingDaysBenchmarks
{
    private const int Count = 256;
    private BusinessCalendar _calendar = null!;
    private DayWalkCalendar _walk = null!;
    private Instant[] _starts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkData.ChinaCalendar();
        _walk = new DayWalkCalendar(_calendar.Definition);
        _starts = BenchmarkData.Starts(Count);
        for (var i = 0; i < Count; i++)
        {
            if (_walk.AddWorkingDays(_starts[i], 30) != _calendar.AddWorkingDays(_starts[i], 30))
            {
                throw new InvalidOperationException($"Baseline and calendar disagree at {_starts[i]}.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public Instant DayWalk()
    {
        var last = default(Instant);
        foreach (var s in _starts)
        {
            last = _walk.AddWorkingDays(s, 30);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public Instant Precomputed()
    {
        var last = default(Instant);
        foreach (var s in _starts)
        {
            last = _calendar.AddWorkingDays(s, 30);
        }

        return last;
    }
}
