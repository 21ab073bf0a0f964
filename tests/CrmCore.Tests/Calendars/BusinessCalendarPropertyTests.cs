using CrmCore.Calendars;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Calendars;

public sealed class BusinessCalendarPropertyTests
{
    private static Instant? Try(Func<Instant> f)
    {
        try
        {
            return f();
        }
        catch (CalendarHorizonException)
        {
            return null;
        }
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 1000)]
    public bool Operations_RandomCalendars_AgreeWithMinuteOracle(CalendarCase c)
    {
        var oracle = new NaiveCalendar(c.Definition);
        var cal = c.Calendar;
        return cal.IsOpen(c.A) == oracle.IsOpen(c.A)
            && Try(() => cal.NextOpen(c.A)) == oracle.NextOpen(c.A)
            && cal.BusinessTimeBetween(c.A, c.B) == oracle.Between(c.A, c.B)
            && cal.BusinessTimeBetween(c.B, c.A) == oracle.Between(c.B, c.A)
            && Try(() => cal.Add(c.A, c.D)) == oracle.Add(c.A, c.D)
            && Try(() => cal.AddWorkingDays(c.A, c.N)) == oracle.AddWorkingDays(c.A, c.N);
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 300)]
    public bool Add_BetweenOfTwoInstants_LandsOnEndOrNextOpeningAfterIt(CalendarCase c)
    {
        var between = c.Calendar.BusinessTimeBetween(c.A, c.B);
        var landed = Try(() => c.Calendar.Add(c.A, between));
        var expected = Try(() => c.Calendar.NextOpen(c.B));
        return landed == expected && (landed is null || landed >= c.B || c.Calendar.IsOpen(c.B) is false);
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 300)]
    public bool Add_IsMonotoneInStartAndDuration_AndNeverBeforeStart(CalendarCase c)
    {
        var small = c.D < c.D2 ? c.D : c.D2;
        var large = c.D < c.D2 ? c.D2 : c.D;
        var fromA = Try(() => c.Calendar.Add(c.A, small));
        var fromALarge = Try(() => c.Calendar.Add(c.A, large));
        var fromB = Try(() => c.Calendar.Add(c.B, small));
        return (fromA is null || fromA >= c.A)
            && (fromA is null || fromALarge is null || fromALarge >= fromA)
            && (fromA is null || fromB is null || fromB >= fromA);
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 300)]
    public bool Add_ThenBetween_GivesTheDurationBack(CalendarCase c)
    {
        var due = Try(() => c.Calendar.Add(c.A, c.D));
        return due is null || c.Calendar.BusinessTimeBetween(c.A, due.Value) == c.D;
    }

    [Property(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 300)]
    public bool AddWorkingDays_IsMonotoneInDays(CalendarCase c)
    {
        var shorter = Try(() => c.Calendar.AddWorkingDays(c.A, c.N));
        var longer = Try(() => c.Calendar.AddWorkingDays(c.A, c.N + 1));
        return shorter is null || longer is null || (longer > shorter && shorter >= c.A);
    }
}
