using CrmCore.Calendars;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Tests.Calendars;

/// <summary>The calendar's index answers exactly what counting would: how many values are at or below a query.</summary>
public sealed class SortedTicksIndexProperties
{
    [Property(MaxTest = 500)]
    public Property UpperBound_CountsTheValuesAtOrBelow_InsideAndOutsideTheirRange(long[] raw, long[] queries, int spread)
    {
        // Values with duplicates and gaps of every size; queries on each value, next to it, and anywhere.
        var scale = (long)Math.Abs(spread % 1000) + 1;
        var values = raw.Select(v => (v % 1_000_000) * scale).Order().ToArray();
        var index = new SortedTicksIndex(values);
        var probes = queries.Concat(values).Concat(values.Select(v => v - 1)).Concat(values.Select(v => v + 1)).Append(long.MinValue).Append(long.MaxValue);
        return probes.All(q => index.UpperBound(q) == values.Count(v => v <= q)).Label($"values: {string.Join(",", values)}");
    }
}
