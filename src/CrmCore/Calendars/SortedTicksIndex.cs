using System.Numerics;

namespace CrmCore.Calendars;

/// <summary>
/// A constant-time <c>UpperBound</c> over a sorted array of longs (instants in ticks, or business positions). The range from the
/// smallest to the largest value is cut into power-of-two buckets about as wide as the average gap between values, and each bucket
/// remembers how many values lie before it, so a query only looks at the values of its own bucket (usually none to two); a query
/// outside the range is answered without looking. Memory: one int per bucket, at most about twice the number of values. Immutable and
/// thread-safe once built.
/// </summary>
internal sealed class SortedTicksIndex
{
    private const int LinearLimit = 8;
    private readonly long[] _values;
    private readonly long _min;
    private readonly long _max;
    private readonly int _shift;
    private readonly int[] _before;

    /// <summary>Indexes the values.</summary>
    /// <param name="values">Sorted ascending (duplicates allowed); not copied, must not change.</param>
    public SortedTicksIndex(long[] values)
    {
        _values = values;
        _min = values.FirstOrDefault();
        _max = values.LastOrDefault();
        var span = (ulong)(_max - _min);
        var average = Math.Max(1UL, span / (ulong)Math.Max(1, values.Length));
        _shift = 63 - BitOperations.LeadingZeroCount(average);
        var buckets = (int)(span >> _shift) + 2;
        _before = new int[buckets + 1];
        var i = 0;
        for (var b = 0; b < _before.Length; b++)
        {
            var bucketStart = _min + ((long)b << _shift);
            while (i < values.Length && values[i] < bucketStart)
            {
                i++;
            }

            _before[b] = i;
        }
    }

    /// <summary>The number of values less than or equal to <paramref name="value"/>: the first index whose value is greater.</summary>
    /// <param name="value">The value.</param>
    /// <returns>An index from 0 to the number of values.</returns>
    public int UpperBound(long value)
    {
        if (value < _min)
        {
            return 0;
        }

        if (value >= _max)
        {
            return _values.Length;
        }

        var b = (int)((ulong)(value - _min) >> _shift);
        var lo = _before[b];
        var hi = _before[b + 1];
        var values = _values;
        if (hi - lo <= LinearLimit)
        {
            while (lo < hi && values[lo] <= value)
            {
                lo++;
            }

            return lo;
        }

        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (values[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
