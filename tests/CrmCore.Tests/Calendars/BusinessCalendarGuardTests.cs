using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Tests.Calendars;

/// <summary>
/// The calendar's guards and edges asserted exactly: what Build refuses (with parameter and message), that both ends of the
/// horizon are inside it and one tick beyond is a horizon error for every operation, that a zero duration is allowed, and what
/// an always-open calendar answers.
/// </summary>
public sealed class BusinessCalendarGuardTests
{
    private static readonly OpeningSlot NineToSix = new(new LocalTime(9, 0), new LocalTime(18, 0));
    private static readonly LocalDate Monday = new(2026, 3, 2);
    private static readonly Duration Tick = Duration.FromTicks(1); // the calendar's precision

    // Monday to Friday 09:00-18:00 in Shanghai, one week of horizon: Monday 2 March to Sunday 8 March 2026.
    private static readonly BusinessCalendar Week = BusinessCalendar.Build(Definition() with { HorizonStart = Monday, HorizonEnd = Monday.PlusDays(6) });

    [Fact]
    public void Build_Refusals_NameTheDefinitionWithAClearMessage()
    {
        Assert.Equal("definition", Assert.Throws<ArgumentNullException>(() => BusinessCalendar.Build(null!)).ParamName);
        Assert.Equal("definition", Assert.Throws<ArgumentException>(() => BusinessCalendar.Build(Definition() with { Name = " " })).ParamName);
        AssertRefused("Unknown IANA time zone 'Mars/Olympus'.", Definition() with { TimeZoneId = "Mars/Olympus" });
        AssertRefused("The horizon ends before it starts.", Definition() with { HorizonStart = Monday, HorizonEnd = Monday.PlusDays(-1) });
        AssertRefused("The date 2026-03-03 is listed twice as a holiday.", Definition() with { Holidays = [new Holiday(Monday.PlusDays(1), "a"), new Holiday(Monday.PlusDays(1), "b")] });
        AssertRefused(
            "The date 2026-03-07 is listed twice, or both as a holiday and as a make-up working day.",
            Definition() with { MakeUpDays = [new MakeUpWorkingDay(Monday.PlusDays(5), "a"), new MakeUpWorkingDay(Monday.PlusDays(5), "b")] });
    }

    [Fact]
    public void Build_OneDayHorizon_IsAllowed()
    {
        var day = BusinessCalendar.Build(Definition() with { HorizonStart = Monday, HorizonEnd = Monday });

        Assert.Equal(new Interval(At(Monday, 0), At(Monday.PlusDays(1), 0)), day.Horizon);
        Assert.Equal(1, day.IntervalCount);
        Assert.True(day.IsWorkingDay(Monday));
        Assert.Equal(Duration.FromHours(9), day.BusinessTimeBetween(day.Horizon.Start, day.Horizon.End));
    }

    [Fact]
    public void HorizonEnds_AreInside_OneTickBeyondIsAHorizonErrorForEveryOperation()
    {
        var first = Week.Horizon.Start;
        var last = Week.Horizon.End;

        Assert.Equal((At(Monday, 0), At(Monday.PlusDays(7), 0)), (first, last));
        Assert.False(Week.IsOpen(first));
        Assert.False(Week.IsOpen(last));
        Assert.Equal(At(Monday, 9), Week.NextOpen(first));
        Assert.Equal(At(Monday.PlusDays(4), 18), Week.PreviousClose(last));
        Assert.Equal(Duration.FromHours(45), Week.BusinessTimeBetween(first, last));
        Assert.Equal(Duration.FromHours(-45), Week.BusinessTimeBetween(last, first));
        Assert.Equal(5, Week.IntervalCount);

        foreach (var outside in new[] { first - Tick, last + Tick })
        {
            Assert.Throws<CalendarHorizonException>(() => Week.IsOpen(outside));
            Assert.Throws<CalendarHorizonException>(() => Week.NextOpen(outside));
            Assert.Throws<CalendarHorizonException>(() => Week.PreviousClose(outside));
            Assert.Throws<CalendarHorizonException>(() => Week.Add(outside, Duration.Zero));
            Assert.Throws<CalendarHorizonException>(() => Week.Subtract(outside, Duration.Zero));
            Assert.Throws<CalendarHorizonException>(() => Week.BusinessTimeBetween(At(Monday, 10), outside));
            Assert.Throws<CalendarHorizonException>(() => Week.BusinessTimeBetween(outside, At(Monday, 10)));
            Assert.Throws<CalendarHorizonException>(() => Week.AddWorkingDays(outside, 0));
        }
    }

    [Fact]
    public void IsWorkingDay_BothEndDatesAreInside_TheDatesBeyondAreHorizonErrors()
    {
        Assert.True(Week.IsWorkingDay(Monday));
        Assert.False(Week.IsWorkingDay(Monday.PlusDays(6)));
        Assert.False(Week.IsWorkingDay(Monday.PlusDays(5)));
        Assert.True(Week.IsWorkingDay(Monday.PlusDays(4)));
        Assert.Throws<CalendarHorizonException>(() => Week.IsWorkingDay(Monday.PlusDays(-1)));
        Assert.Throws<CalendarHorizonException>(() => Week.IsWorkingDay(Monday.PlusDays(7)));
    }

    [Fact]
    public void Counting_PastTheLastOrBeforeTheFirstOpening_IsAHorizonError()
    {
        Assert.Equal(At(Monday.PlusDays(4), 17), Week.Add(At(Monday, 9), Duration.FromHours(44)));
        Assert.Equal(At(Monday.PlusDays(4), 10), Week.AddWorkingDays(At(Monday, 10), 4));
        Assert.Throws<CalendarHorizonException>(() => Week.Add(At(Monday, 9), Duration.FromHours(45)));
        Assert.Throws<CalendarHorizonException>(() => Week.AddWorkingDays(At(Monday, 10), 5));
        Assert.Throws<CalendarHorizonException>(() => Week.NextOpen(At(Monday.PlusDays(4), 18)));

        Assert.Equal(At(Monday, 10), Week.Subtract(At(Monday.PlusDays(4), 18), Duration.FromHours(44)));
        Assert.Equal(At(Monday, 10), Week.AddWorkingDays(At(Monday.PlusDays(4), 10), -4));
        Assert.Throws<CalendarHorizonException>(() => Week.Subtract(At(Monday.PlusDays(4), 18), Duration.FromHours(45))); // no closing precedes the first opening
        Assert.Throws<CalendarHorizonException>(() => Week.AddWorkingDays(At(Monday.PlusDays(4), 10), -5));
        Assert.Throws<CalendarHorizonException>(() => Week.PreviousClose(At(Monday, 9)));
    }

    [Fact]
    public void ZeroDuration_IsAllowed_NegativeIsRefusedByName()
    {
        var saturday = At(Monday.PlusDays(5), 10);

        Assert.Equal(Week.NextOpen(At(Monday, 7)), Week.Add(At(Monday, 7), Duration.Zero));
        Assert.Equal(At(Monday.PlusDays(4), 18), Week.Subtract(saturday, Duration.Zero));
        Assert.Equal(At(Monday, 12), Week.Add(At(Monday, 12), Duration.Zero));
        Assert.Equal(At(Monday, 12), Week.Subtract(At(Monday, 12), Duration.Zero));

        foreach (var e in new[]
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Week.Add(At(Monday, 12), -Tick)),
            Assert.Throws<ArgumentOutOfRangeException>(() => Week.Subtract(At(Monday, 12), -Tick)),
            Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.AlwaysOpen.Add(At(Monday, 12), -Tick)),
            Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.AlwaysOpen.Subtract(At(Monday, 12), -Tick)),
        })
        {
            Assert.Equal("businessDuration", e.ParamName);
            Assert.StartsWith("The business duration must not be negative.", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OpenIntervals_StartInclusiveEndExclusive()
    {
        Assert.True(Week.IsOpen(At(Monday, 9)));
        Assert.False(Week.IsOpen(At(Monday, 9) - Tick));
        Assert.True(Week.IsOpen(At(Monday, 18) - Tick));
        Assert.False(Week.IsOpen(At(Monday, 18)));
        Assert.Equal(At(Monday, 18), Week.PreviousClose(At(Monday, 18)));
        Assert.Equal(At(Monday, 18) - Tick, Week.PreviousClose(At(Monday, 18) - Tick));
        Assert.Equal(At(Monday, 18), Week.PreviousClose(At(Monday.PlusDays(1), 9)));
        Assert.Equal(At(Monday.PlusDays(1), 9), Week.NextOpen(At(Monday, 18)));
    }

    [Fact]
    public void AlwaysOpen_HasNoHorizon_AndCountsPlainTime()
    {
        var calendar = BusinessCalendar.AlwaysOpen;
        var at = Instant.FromUtc(1900, 1, 1, 0, 0);

        Assert.Equal(new Interval(null, null), calendar.Horizon);
        Assert.Equal(0, calendar.IntervalCount);
        Assert.Equal("24x7", calendar.Name);
        Assert.Null(calendar.HolidayCoverage);
        Assert.Equal(at, calendar.PreviousClose(at));
        Assert.Equal(at - Duration.FromHours(3), calendar.Subtract(at, Duration.FromHours(3)));
        Assert.Equal(at, calendar.AddWorkingDays(at, 0));
        Assert.Equal(at - Duration.FromDays(3), calendar.AddWorkingDays(at, -3));
        Assert.True(calendar.IsWorkingDay(new LocalDate(1900, 1, 1)));
        Assert.Equal("00:00–24:00", Assert.Single(calendar.HoursOn(new LocalDate(1900, 1, 1))).ToString());
    }

    [Fact]
    public void AlwaysOpenWeekWithAHoliday_IsNotAlwaysOpen()
    {
        var calendar = BusinessCalendar.Build(new BusinessCalendarDefinition
        {
            Name = "24x7-cn",
            TimeZoneId = "Asia/Shanghai",
            Week = WeeklySchedule.AlwaysOpen,
            Holidays = [new Holiday(Monday, "closed")],
            HorizonStart = Monday,
            HorizonEnd = Monday.PlusDays(1),
        });

        Assert.False(calendar.IsAlwaysOpen);
        Assert.False(calendar.IsWorkingDay(Monday));
        Assert.Empty(calendar.HoursOn(Monday));
        Assert.Equal(At(Monday.PlusDays(1), 0), calendar.NextOpen(At(Monday, 10)));
        Assert.Equal(new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)), calendar.HolidayCoverage);
    }

    private static void AssertRefused(string message, BusinessCalendarDefinition definition)
    {
        var e = Assert.Throws<ArgumentException>(() => BusinessCalendar.Build(definition));
        Assert.Equal("definition", e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    private static BusinessCalendarDefinition Definition() => new()
    {
        Name = "week",
        TimeZoneId = "Asia/Shanghai",
        Week = WeeklySchedule.Weekdays(NineToSix),
    };

    private static Instant At(LocalDate date, int hour) => date.At(new LocalTime(hour, 0)).InZoneStrictly(TestCalendars.Shanghai).ToInstant();
}
