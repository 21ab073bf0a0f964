using NodaTime;

namespace CrmCore.Rules.Facts;

/// <summary>Allocation-free calendar arithmetic for facts.</summary>
internal static class FactMath
{
    /// <summary>
    /// Whole days from <paramref name="then"/> to <paramref name="now"/>, exactly: the nanoseconds between them divided by a day
    /// (86,400·10^9 ns) and rounded toward negative infinity, then at least 0 (a later <paramref name="then"/> is 0 days ago). What
    /// <see cref="CustomerFacts.DaysSinceLastInteraction"/> is, and what the bulk kernels compute in ticks
    /// (<see cref="WholeDaysSince(long, long)"/>), so that the two always agree.
    /// </summary>
    public static int WholeDaysSince(Instant now, Instant then) =>
        AtLeastZero(FloorDivide((now - then).ToInt128Nanoseconds(), NodaConstants.NanosecondsPerDay));

    /// <summary>
    /// <see cref="WholeDaysSince(Instant, Instant)"/> for two instants given as Unix ticks (whole ticks, so the nanoseconds are the
    /// ticks times 100 and the result is the same): in <see cref="long"/> arithmetic, in <see cref="Int128"/> only when the gap does
    /// not fit a long.
    /// </summary>
    public static int WholeDaysSince(long nowTicks, long thenTicks)
    {
        var gap = unchecked(nowTicks - thenTicks);
        if (((nowTicks ^ thenTicks) & (nowTicks ^ gap)) < 0)
        {
            return AtLeastZero(FloorDivide((Int128)nowTicks - thenTicks, NodaConstants.TicksPerDay));
        }

        var days = Math.DivRem(gap, NodaConstants.TicksPerDay, out var remainder);
        return AtLeastZero(remainder < 0 ? days - 1 : days);
    }

    private static Int128 FloorDivide(Int128 value, long divisor)
    {
        var (quotient, remainder) = Int128.DivRem(value, divisor);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private static int AtLeastZero(Int128 days) => (int)Int128.Clamp(days, 0, int.MaxValue);

    /// <summary>Whole calendar months from <paramref name="from"/> to <paramref name="to"/> (0 when <paramref name="to"/> is earlier).</summary>
    public static int WholeMonths(LocalDate from, LocalDate to)
    {
        if (to < from)
        {
            return 0;
        }

        var months = ((to.Year - from.Year) * 12) + (to.Month - from.Month);
        if (to.Day < from.Day)
        {
            months--;
        }

        return Math.Max(0, months);
    }
}
