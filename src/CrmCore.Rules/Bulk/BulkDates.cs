using NodaTime;

namespace CrmCore.Rules.Bulk;

/// <summary>Allocation-free date and time arithmetic for the bulk kernels, giving exactly the values of <see cref="Facts.CustomerFacts"/>.</summary>
internal static class BulkDates
{
    /// <summary>Days since 1970-01-01 of an ISO date (any year NodaTime supports).</summary>
    public static int DayNumber(LocalDate date)
    {
        // Days from the civil date (proleptic Gregorian), shifted so that March is the first month of the year.
        var y = date.Year - (date.Month <= 2 ? 1 : 0);
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = (((153 * (date.Month + (date.Month > 2 ? -3 : 9))) + 2) / 5) + date.Day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097) + dayOfEra - 719468;
    }

    /// <summary>
    /// The tick the bulk store keeps for a last interaction: its own when it falls on a tick, else the next one (rounded up, at most
    /// <see cref="Instant.MaxValue"/>'s). With a "now" on a whole tick the whole days since it are then those of the exact instant: no
    /// multiple of a day lies strictly between two adjacent ticks, so an interaction a few nanoseconds past a tick is as many whole days
    /// ago as the next tick (rounded down instead, it counted a day more at a day's boundary). With a "now" between ticks too, the two
    /// can still differ by a day when both fall between ticks at a day's boundary.
    /// </summary>
    public static long InteractionTicks(Instant at)
    {
        var ticks = at.ToUnixTimeTicks();
        return at == Instant.FromUnixTimeTicks(ticks) || ticks == Instant.MaxValue.ToUnixTimeTicks() ? ticks : ticks + 1;
    }

    /// <summary>Whole days since the last interaction, exactly as <see cref="Facts.CustomerFacts.DaysSinceLastInteraction"/> computes it.</summary>
    public static int DaysSince(Instant now, long thenTicks) => Facts.FactMath.WholeDaysSince(now, Instant.FromUnixTimeTicks(thenTicks));

    /// <summary>
    /// The same as <see cref="DaysSince(Instant, long)"/>, in ticks when <paramref name="nowTicks"/> is the exact tick of
    /// <paramref name="now"/> (<paramref name="nowIsWholeTick"/>).
    /// </summary>
    public static int DaysSince(Instant now, long nowTicks, bool nowIsWholeTick, long thenTicks)
        => nowIsWholeTick ? Facts.FactMath.WholeDaysSince(nowTicks, thenTicks) : DaysSince(now, thenTicks);
}
