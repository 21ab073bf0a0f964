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
    /// ago as the next tick (rounded down instead, it counted a day more at a day's boundary). With a "now" between ticks the kernels
    /// add back the nanoseconds the store keeps beside the tick (<see cref="InteractionNanoseconds"/>) and count from the exact instant,
    /// so bulk and per-customer facts agree for any "now".
    /// </summary>
    public static long InteractionTicks(Instant at)
    {
        var ticks = at.ToUnixTimeTicks();
        return at == Instant.FromUnixTimeTicks(ticks) || ticks == Instant.MaxValue.ToUnixTimeTicks() ? ticks : ticks + 1;
    }

    /// <summary>
    /// The nanoseconds from the kept tick (<paramref name="ticks"/>, <see cref="InteractionTicks"/>) to the exact last interaction:
    /// −99 to 0 (the tick was rounded up), or 0 to 99 in the last tick of time, which is rounded down.
    /// </summary>
    public static sbyte InteractionNanoseconds(Instant at, long ticks) => (sbyte)(at - Instant.FromUnixTimeTicks(ticks)).ToInt64Nanoseconds();

    /// <summary>The exact last interaction from its kept tick and nanoseconds (<see cref="InteractionNanoseconds"/>).</summary>
    public static Instant Interaction(long ticks, sbyte nanoseconds) => Instant.FromUnixTimeTicks(ticks).PlusNanoseconds(nanoseconds);

    /// <summary>
    /// Whole days since the exact last interaction, kept as a tick and the nanoseconds from it (<see cref="InteractionNanoseconds"/>):
    /// what <see cref="Facts.CustomerFacts.DaysSinceLastInteraction"/> computes for any "now", including one between two ticks. The
    /// scalar kernel calls it for a "now" between ticks; for a whole-tick "now" it counts in ticks
    /// (<see cref="Facts.FactMath.WholeDaysSince(long, long)"/> of the kept tick), which gives the same days.
    /// </summary>
    public static int DaysSince(Instant now, long thenTicks, sbyte thenNanoseconds) =>
        Facts.FactMath.WholeDaysSince(now, Interaction(thenTicks, thenNanoseconds));
}
