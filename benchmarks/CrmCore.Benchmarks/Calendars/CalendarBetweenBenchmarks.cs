using BenchmarkDotNet.Attributes;
using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Benchmarks.Calendars;

/// <summary>BusinessTimeBetween over up to a year (start in 2025, end up to 365 days later) on the China calendar: precomputed vs day walk.</summary>
[MemoryDiagnoser]
public class CalendarBetweenBenchmarks
{
    private const int Count = 64;
    private BusinessCalendar _calendar = null!;
    private DayWalkCalendar _walk = null!;
    private Instant[] _starts = null!;
    private Instant[] _ends = null!;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkData.ChinaCalendar();
        _walk = new DayWalkCalendar(_calendar.Definition);
        _starts = BenchmarkData.Starts(Count);
        _ends = [.. _starts.Select((s, i) => s + Duration.FromDays(365 - (i % 30)))];
        for (var i = 0; i < Count; i++)
        {
            if (_walk.Between(_starts[i], _ends[i]) != _calendar.BusinessTimeBetween(_starts[i], _ends[i]))
            {
                throw new InvalidOperationException($"Baseline and calendar disagree at {_starts[i]}.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public Duration DayWalk()
    {
        var total = Duration.Zero;
        for (var i = 0; i < Count; i++)
        {
            total += _walk.Between(_starts[i], _ends[i]);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public Duration Precomputed()
    {
        var total = Duration.Zero;
        for (var i = 0; i < Count; i++)
        {
            total += _calendar.BusinessTimeBetween(_starts[i], _ends[i]);
        }

        return total;
    }
}
