using BenchmarkDotNet.Attributes;
using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Benchmarks.Calendars;

/// <summary>
/// BusinessTimeBetween(a, b) on the China calendar for 4,096 pairs, a over 2025 and b a given number of days later (1 day: a
/// typical SLA clock; 365 days: a year): the lean day walk (baseline) and the precomputed calendar.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(10)]
[IterationCount(10)]
public class CalendarBetweenBenchmarks
{
    private const int Count = 4096;
    private BusinessCalendar _calendar = null!;
    private DayWalkCalendar _walk = null!;
    private Instant[] _starts = null!;
    private Instant[] _ends = null!;

    /// <summary>Days between the two instants.</summary>
    [Params(1, 365)]
    public int SpanDays { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkData.ChinaCalendar();
        _walk = new DayWalkCalendar(_calendar.Definition);
        _starts = BenchmarkData.Starts(Count);
        _ends = new Instant[Count];
        for (var i = 0; i < Count; i++)
        {
            _ends[i] = _starts[i] + Duration.FromDays(SpanDays) - Duration.FromMinutes(i % 600);
            if (_walk.Between(_starts[i], _ends[i]) != _calendar.BusinessTimeBetween(_starts[i], _ends[i]))
            {
                throw new InvalidOperationException($"Baseline and calendar disagree at {_starts[i]}.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public Duration LeanDayWalk()
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
