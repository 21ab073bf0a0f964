using BenchmarkDotNet.Attributes;
using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Benchmarks.Calendars;

/// <summary>
/// Add(start, h business hours) on the China calendar for 4,096 start instants over 2025 (8 h is about one working day, 225 h is
/// 30 working days of 7.5 h): the lean day walk (baseline), the precomputed calendar, and Subtract of the same duration.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(10)]
[IterationCount(10)]
public class CalendarAddBenchmarks
{
    private const int Count = 4096;
    private BusinessCalendar _calendar = null!;
    private DayWalkCalendar _walk = null!;
    private Instant[] _starts = null!;
    private Duration _amount;

    /// <summary>The business hours to add.</summary>
    [Params(8, 225)]
    public int Hours { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkData.ChinaCalendar();
        _walk = new DayWalkCalendar(_calendar.Definition);
        _starts = BenchmarkData.Starts(Count);
        _amount = Duration.FromHours(Hours);
        for (var i = 0; i < Count; i++)
        {
            if (_walk.Add(_starts[i], _amount) != _calendar.Add(_starts[i], _amount))
            {
                throw new InvalidOperationException($"Baseline and calendar disagree at {_starts[i]}.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public Instant LeanDayWalkAdd()
    {
        var last = default(Instant);
        foreach (var s in _starts)
        {
            last = _walk.Add(s, _amount);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public Instant PrecomputedAdd()
    {
        var last = default(Instant);
        foreach (var s in _starts)
        {
            last = _calendar.Add(s, _amount);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public Instant PrecomputedSubtract()
    {
        var last = default(Instant);
        foreach (var s in _starts)
        {
            last = _calendar.Subtract(s, _amount);
        }

        return last;
    }
}
