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

    /// <summary>Whole days since the last interaction, exactly as <see cref="Facts.CustomerFacts.DaysSinceLastInteraction"/> computes it.</summary>
    public static int DaysSince(Instant now, long thenTicks) => Facts.FactMath.WholeDaysSince(now, Instant.FromUnixTimeTicks(thenTicks));

    /// <summary>
    /// The same as <see cref="DaysSince(Instant, long)"/>, in ticks when <paramref name="nowTicks"/> is the exact tick of
    /// <paramref name="now"/> (<paramref name="nowIsWholeTick"/>).
    /// </summary>
    public static int DaysSince(Instant now, long nowTicks, bool nowIsWholeTick, long thenTicks)
        => nowIsWholeTick ? Facts.FactMath.WholeDaysSince(nowTicks, thenTicks) : DaysSince(now, thenTicks);
}
