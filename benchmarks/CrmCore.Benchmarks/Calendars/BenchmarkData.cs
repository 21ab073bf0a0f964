using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Benchmarks.Calendars;

/// <summary>The China calendar of samples/data/calendars (2025 and 2026 official schedules: 56 holidays, 13 make-up days).</summary>
internal static class BenchmarkData
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmCore.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("CrmCore.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static BusinessCalendar ChinaCalendar()
    {
        var folder = Path.Combine(Root, "samples", "data", "calendars");
        return CalendarJson.Load(
            File.ReadAllText(Path.Combine(folder, "cn-standard.json")),
            s => File.Exists(Path.Combine(folder, s)) ? File.ReadAllText(Path.Combine(folder, s)) : null).GetValueOrThrow();
    }

    /// <summary>Deterministic instants spread over 2025, at any time of day.</summary>
    public static Instant[] Starts(int count)
    {
        var random = new Random(42);
        var start = Instant.FromUtc(2025, 1, 1, 0, 0);
        return [.. Enumerable.Range(0, count).Select(_ => start + Duration.FromSeconds(random.NextInt64(0, 365L * 24 * 3600)))];
    }
}
