using BenchmarkDotNet.Attributes;
using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Benchmarks.Calendars;

/// <summary>Add(start, 225 business hours) — 30 working days of 7.5 h — on the China calendar: precomputed vs day walk.</summary>
[MemoryDiagnoser]
public class CalendarAddBenchmarks
{
    private const int Count = 256;
    private static readonly Duration ThirtyDays = Duration.FromHours(30 * 7.5);
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
            if (_walk.Add(_starts[i], ThirtyDays) != _calendar.Add(_starts[i], ThirtyDays))
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
            last = _walk.Add(s, ThirtyDays);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public Instant Precomputed()
    {
        var last = default(Instant);
        foreach (var s in _starts)
        {
            last = _calendar.Add(s, ThirtyDays);
        }

        return last;
    }
}
