using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Tests.Calendars;

/// <summary>
/// The calendar's rules at their boundaries: the first date past the holiday coverage, a range that ends exactly where the coverage
/// ends, zero working days in a repeated hour, a 24:00 closing on a DST day, slots split by a repeated hour, touching slots and the
/// business positions the SLA engine counts in.
/// </summary>
public sealed class BusinessCalendarBoundaryTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly OpeningSlot NineToSix = new(new LocalTime(9, 0), new LocalTime(18, 0));

    // Weekdays 09:00–18:00 in Shanghai with one listed holiday in 2026: the holiday data covers 2026 only (2026-01-01 is a Thursday).
    private static BusinessCalendar Company(bool strict = false) => BusinessCalendar.Build(new BusinessCalendarDefinition
    {
        Name = "company",
        TimeZoneId = "Asia/Shanghai",
        Week = WeeklySchedule.Weekdays(NineToSix),
        Holidays = [new Holiday(new LocalDate(2026, 5, 20), "Anniversary")],
        StrictHolidayCoverage = strict,
    });

    private static BusinessCalendarDefinition ShanghaiWeekdays(string name) =>
        new() { Name = name, TimeZoneId = "Asia/Shanghai", Week = WeeklySchedule.Weekdays(NineToSix) };

    private static Instant Sh(int y, int m, int d, int h, int min = 0) => new LocalDateTime(y, m, d, h, min).InZoneStrictly(Shanghai).ToInstant();

    private static Instant Local(DateTimeZone zone, LocalDateTime local) => zone.AtLeniently(local).ToInstant();

    private static WeeklySchedule EveryDay(params OpeningSlot[] slots) =>
        WeeklySchedule.Create(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToDictionary(d => d, _ => (IEnumerable<OpeningSlot>)slots));

    private static List<(string Operation, LocalDate Date)> Listen(BusinessCalendar calendar)
    {
        var raised = new List<(string, LocalDate)>();
        calendar.HolidayCoverageExceeded += (_, e) => raised.Add((e.Operation, e.Date));
        return raised;
    }

    [Fact]
    public void EachOperation_NamesItselfAndTheFirstDateItReadOutsideTheCoverage()
    {
        var calendar = Company();
        var raised = Listen(calendar);

        Assert.True(calendar.IsOpen(Sh(2027, 1, 4, 10)));
        Assert.Equal(Sh(2027, 1, 1, 9), calendar.NextOpen(Sh(2026, 12, 31, 20)));
        Assert.Equal(Sh(2025, 12, 31, 18), calendar.PreviousClose(Sh(2026, 1, 1, 8)));
        Assert.Equal(Duration.FromHours(-27), calendar.BusinessTimeBetween(Sh(2026, 1, 2, 10), Sh(2025, 12, 30, 10)));
        Assert.Equal(Sh(2027, 1, 4, 10), calendar.AddWorkingDays(Sh(2026, 12, 30, 10), 3));
        calendar.BusinessTimeBetween(Sh(2026, 1, 1, 0), Sh(2027, 1, 5, 9));
        Assert.Equal(Sh(2027, 1, 1, 10), calendar.Add(Sh(2026, 12, 31, 17), Duration.FromHours(2)));
        Assert.Equal(Sh(2025, 12, 31, 17), calendar.Subtract(Sh(2026, 1, 1, 10), Duration.FromHours(2)));

        Assert.Equal(
            [
                ("IsOpen", new LocalDate(2027, 1, 4)),
                ("NextOpen", new LocalDate(2027, 1, 1)),
                ("PreviousClose", new LocalDate(2025, 12, 31)),
                ("BusinessTimeBetween", new LocalDate(2025, 12, 30)), // the earlier instant, though it is the second argument
                ("AddWorkingDays", new LocalDate(2027, 1, 1)), // starts inside, ends past: the first date after the coverage
                ("BusinessTimeBetween", new LocalDate(2027, 1, 1)), // starts exactly at the coverage's first instant
                ("Add", new LocalDate(2027, 1, 1)),
                ("Subtract", new LocalDate(2025, 12, 31)),
            ],
            raised);
    }

    [Fact]
    public void ARangeEndingAtTheCoveragesLastMidnight_ReadsOnlyCoveredDates()
    {
        var calendar = Company();
        var raised = Listen(calendar);

        Assert.Equal(Duration.FromHours(9), calendar.BusinessTimeBetween(Sh(2026, 12, 31, 9), Sh(2027, 1, 1, 0)));
        Assert.Equal(Duration.FromHours(9), calendar.BusinessTimeBetween(Sh(2026, 1, 1, 0), Sh(2026, 1, 1, 18)));

        Assert.Empty(raised);
    }

    [Fact]
    public void StrictCalendar_ThrowsForASingleInstantPastTheCoverage()
    {
        var calendar = Company(strict: true);

        var ex = Assert.Throws<HolidayCoverageException>(() => calendar.IsOpen(Sh(2027, 1, 4, 10)));

        Assert.Equal(new LocalDate(2027, 1, 4), ex.Date);
        Assert.True(calendar.IsOpen(Sh(2026, 12, 31, 10)));
    }

    [Fact]
    public void PastTheCoverage_WithNobodyListening_AllocatesNothing()
    {
        var calendar = Company();
        var outside = Sh(2027, 1, 4, 10);
        Assert.True(calendar.IsOpen(outside)); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            calendar.IsOpen(outside);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void BusinessPositions_AreWhatBusinessTimeBetweenAndAddCountIn()
    {
        var calendar = Company();
        var a = Sh(2026, 3, 6, 17);
        var b = Sh(2026, 3, 9, 11);

        Assert.Equal(calendar.BusinessTimeBetween(a, b).BclCompatibleTicks, calendar.PositionOf(b) - calendar.PositionOf(a));
        Assert.Equal(calendar.Add(a, Duration.FromHours(3)), calendar.InstantAt(calendar.PositionOf(a) + Duration.FromHours(3).BclCompatibleTicks, a));

        var always = BusinessCalendar.AlwaysOpen;
        Assert.Equal(a.ToUnixTimeTicks(), always.PositionOf(a));
        Assert.Equal(b, always.InstantAt(b.ToUnixTimeTicks(), a));
    }

    [Fact]
    public void BusinessPositionsPastTheCoverage_RaiseTheEventForTheSlaEngine()
    {
        var calendar = Company();
        var raised = Listen(calendar);

        calendar.PositionOf(Sh(2027, 1, 4, 10));
        var due = calendar.InstantAt(calendar.PositionOf(Sh(2026, 12, 31, 17)) + Duration.FromHours(2).BclCompatibleTicks, Sh(2026, 12, 31, 17));

        Assert.Equal(Sh(2027, 1, 1, 10), due);
        Assert.Equal([("SLA", new LocalDate(2027, 1, 4)), ("SLA", new LocalDate(2027, 1, 1))], raised);
    }

    [Fact]
    public void ZeroWorkingDays_IsTheAnchorItself_EvenInTheSecondPassOfARepeatedHour()
    {
        // 2026-10-25 in Berlin: 02:00–03:00 happens twice; the second 02:30 is 01:30 UTC.
        var secondPass = Instant.FromUtc(2026, 10, 25, 1, 30);
        Assert.Equal(new LocalTime(2, 30), secondPass.InZone(Berlin).TimeOfDay);
        var allDay = new BusinessCalendarDefinition { Name = "berlin-24x7", TimeZoneId = "Europe/Berlin", Week = WeeklySchedule.AlwaysOpen };
        var allDayButChristmas = allDay with { Holidays = [new Holiday(new LocalDate(2026, 12, 25), "Christmas")] };

        Assert.Equal(secondPass, BusinessCalendar.Build(allDay).AddWorkingDays(secondPass, 0));
        Assert.Equal(secondPass, BusinessCalendar.Build(allDayButChristmas).AddWorkingDays(secondPass, 0));
        Assert.True(BusinessCalendar.Build(allDay).IsAlwaysOpen);
        Assert.False(BusinessCalendar.Build(allDayButChristmas).IsAlwaysOpen);
    }

    [Fact]
    public void ClosingAt24_KeepsItsDayWhenCountingBack_OnTheDayClocksGoForward()
    {
        // Open 09:00–24:00 every day; Sunday 2026-03-29 in Berlin has 23 hours. Monday 00:00 is Sunday's 24:00 closing.
        var calendar = BusinessCalendar.Build(new BusinessCalendarDefinition
        {
            Name = "late",
            TimeZoneId = "Europe/Berlin",
            Week = EveryDay(new OpeningSlot(new LocalTime(9, 0), LocalTime.Midnight)),
        });
        var mondayMidnight = Local(Berlin, new LocalDateTime(2026, 3, 30, 0, 0));

        Assert.Equal(mondayMidnight, calendar.PreviousClose(mondayMidnight));
        Assert.Equal(Local(Berlin, new LocalDateTime(2026, 3, 29, 0, 0)), calendar.AddWorkingDays(mondayMidnight, -1));
        Assert.Equal(Local(Berlin, new LocalDateTime(2026, 3, 28, 0, 0)), calendar.AddWorkingDays(mondayMidnight, -2));
    }

    [Fact]
    public void ADayThatStartsAt0100_KeepsTheLocalTimeOfDay()
    {
        // Havana moves its clocks from 00:00 to 01:00 on Sunday 2026-03-08: that day starts at 01:00 and has 23 hours.
        var havana = DateTimeZoneProviders.Tzdb["America/Havana"];
        Assert.Equal(new LocalTime(1, 0), havana.AtStartOfDay(new LocalDate(2026, 3, 8)).TimeOfDay);
        var calendar = BusinessCalendar.Build(new BusinessCalendarDefinition
        {
            Name = "havana",
            TimeZoneId = "America/Havana",
            Week = EveryDay(NineToSix),
            HorizonStart = new LocalDate(2026, 3, 1),
            HorizonEnd = new LocalDate(2026, 3, 31),
        });

        Assert.Equal(Local(havana, new LocalDateTime(2026, 3, 8, 10, 0)), calendar.AddWorkingDays(Local(havana, new LocalDateTime(2026, 3, 7, 10, 0)), 1));
        Assert.Equal(Local(havana, new LocalDateTime(2026, 3, 9, 10, 0)), calendar.AddWorkingDays(Local(havana, new LocalDateTime(2026, 3, 8, 10, 0)), 1));
        Assert.Equal(Local(havana, new LocalDateTime(2026, 3, 7, 10, 0)), calendar.AddWorkingDays(Local(havana, new LocalDateTime(2026, 3, 8, 10, 0)), -1));
    }

    [Fact]
    public void SlotsSplitByARepeatedHour_KeepAllTheirOpenTime()
    {
        // On 2026-10-25 in Berlin 00:00–02:30 lasts 3 hours and 02:45–05:00 lasts 2 h 30: pieces of the two slots interleave.
        var calendar = BusinessCalendar.Build(new BusinessCalendarDefinition
        {
            Name = "night",
            TimeZoneId = "Europe/Berlin",
            Week = EveryDay(new OpeningSlot(LocalTime.Midnight, new LocalTime(2, 30)), new OpeningSlot(new LocalTime(2, 45), new LocalTime(5, 0))),
        });
        var day = Local(Berlin, new LocalDateTime(2026, 10, 25, 0, 0));
        var next = Local(Berlin, new LocalDateTime(2026, 10, 26, 0, 0));

        Assert.Equal(Duration.FromMinutes(330), calendar.BusinessTimeBetween(day, next));
        Assert.True(calendar.IsOpen(Instant.FromUtc(2026, 10, 25, 0, 50))); // the first 02:50
        Assert.False(calendar.IsOpen(Instant.FromUtc(2026, 10, 25, 0, 40))); // the first 02:40
        Assert.True(calendar.IsOpen(Instant.FromUtc(2026, 10, 25, 1, 20))); // the second 02:20
        Assert.False(calendar.IsOpen(Instant.FromUtc(2026, 10, 25, 1, 40))); // the second 02:40
    }

    [Fact]
    public void TouchingSlots_AndWholeDaysInARow_AreOneInterval()
    {
        var split = BusinessCalendar.Build(new BusinessCalendarDefinition
        {
            Name = "split",
            TimeZoneId = "Asia/Shanghai",
            Week = WeeklySchedule.Weekdays(new OpeningSlot(new LocalTime(9, 0), new LocalTime(12, 0)), new OpeningSlot(new LocalTime(12, 0), new LocalTime(18, 0))),
            HorizonStart = new LocalDate(2026, 1, 5),
            HorizonEnd = new LocalDate(2026, 1, 11),
        });
        var days = BusinessCalendar.Build(new BusinessCalendarDefinition
        {
            Name = "days",
            TimeZoneId = "Asia/Shanghai",
            Week = WeeklySchedule.AlwaysOpen,
            Holidays = [new Holiday(new LocalDate(2026, 1, 7), "closed")],
            HorizonStart = new LocalDate(2026, 1, 5),
            HorizonEnd = new LocalDate(2026, 1, 11),
        });

        Assert.Equal(5, split.IntervalCount);
        Assert.Equal(Duration.FromHours(9), split.BusinessTimeBetween(Sh(2026, 1, 5, 0), Sh(2026, 1, 6, 0)));
        Assert.Equal(2, days.IntervalCount);
        Assert.Equal(Duration.FromDays(6), days.BusinessTimeBetween(Sh(2026, 1, 5, 0), Sh(2026, 1, 12, 0)));
    }

    [Fact]
    public void WorkingDays_LandingExactlyOnTheTargetDaysClosingOrOpening_StayOnThatDay()
    {
        // Weekdays 09:00–18:00; make-up Saturdays with shorter hours: 2026-03-07 09:00–14:00, 2026-03-14 11:00–18:00.
        var calendar = BusinessCalendar.Build(ShanghaiWeekdays("make-up") with
        {
            MakeUpDays =
            [
                new MakeUpWorkingDay(new LocalDate(2026, 3, 7), "short", [new OpeningSlot(new LocalTime(9, 0), new LocalTime(14, 0))]),
                new MakeUpWorkingDay(new LocalDate(2026, 3, 14), "late", [new OpeningSlot(new LocalTime(11, 0), new LocalTime(18, 0))]),
            ],
        });

        Assert.Equal(Sh(2026, 3, 7, 14), calendar.AddWorkingDays(Sh(2026, 3, 6, 14), 1)); // Saturday's closing, not Monday's opening
        Assert.Equal(Sh(2026, 3, 14, 11), calendar.AddWorkingDays(Sh(2026, 3, 16, 11), -1)); // Saturday's opening, not Friday's closing
        Assert.Equal(Sh(2026, 3, 7, 9), calendar.AddWorkingDays(Sh(2026, 3, 6, 8), 1)); // before Friday opens: anchor Friday 09:00
    }

    [Fact]
    public void WorkingDaysAndBusinessTime_RunOutExactlyAtTheHorizonsEdges()
    {
        // One working week, Monday 2026-01-05 to Friday 2026-01-09, 09:00–18:00.
        var week = BusinessCalendar.Build(ShanghaiWeekdays("week") with
        {
            HorizonStart = new LocalDate(2026, 1, 5),
            HorizonEnd = new LocalDate(2026, 1, 9),
        });

        Assert.Equal(Sh(2026, 1, 9, 10), week.AddWorkingDays(Sh(2026, 1, 5, 10), 4));
        Assert.Throws<CalendarHorizonException>(() => week.AddWorkingDays(Sh(2026, 1, 5, 10), 5));
        Assert.Throws<CalendarHorizonException>(() => week.AddWorkingDays(Sh(2026, 1, 5, 10), int.MaxValue));
        Assert.Equal(Sh(2026, 1, 5, 10), week.AddWorkingDays(Sh(2026, 1, 9, 10), -4));
        Assert.Throws<CalendarHorizonException>(() => week.AddWorkingDays(Sh(2026, 1, 9, 10), -5));
        Assert.Equal(Sh(2026, 1, 5, 9, 30), week.Subtract(Sh(2026, 1, 5, 10), Duration.FromMinutes(30)));
        Assert.Throws<CalendarHorizonException>(() => week.Subtract(Sh(2026, 1, 5, 10), Duration.FromHours(1))); // the closing before 09:00 is outside
        Assert.Equal(Sh(2026, 1, 9, 17, 59), week.Add(Sh(2026, 1, 9, 17), Duration.FromMinutes(59)));
        Assert.Throws<CalendarHorizonException>(() => week.Add(Sh(2026, 1, 9, 17), Duration.FromHours(1))); // the next opening is outside
    }

    [Fact]
    public void DefaultArrays_MeanNoneListed_AndMakeUpDaysWidenTheCoverage()
    {
        var plain = new BusinessCalendarDefinition { Name = "plain", TimeZoneId = "Asia/Shanghai", Week = WeeklySchedule.Weekdays(NineToSix) };
        var withDefaults = BusinessCalendar.Build(plain with { Holidays = default, MakeUpDays = default });
        Assert.Null(withDefaults.HolidayCoverage);
        Assert.True(withDefaults.IsWorkingDay(new LocalDate(2026, 1, 5)));
        Assert.False(withDefaults.IsWorkingDay(new LocalDate(2026, 1, 10)));

        var wholeDay = BusinessCalendar.Build(plain with { Holidays = [new Holiday(new LocalDate(2026, 1, 5), "closed", default)], MakeUpDays = default });
        Assert.False(wholeDay.IsWorkingDay(new LocalDate(2026, 1, 5)));
        Assert.Equal(new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)), wholeDay.HolidayCoverage);

        var makeUpOnly = BusinessCalendar.Build(plain with { Holidays = default, MakeUpDays = [new MakeUpWorkingDay(new LocalDate(2027, 2, 6), "swap")] });
        Assert.True(makeUpOnly.IsWorkingDay(new LocalDate(2027, 2, 6)));
        Assert.Equal(new DateInterval(new LocalDate(2027, 1, 1), new LocalDate(2027, 12, 31)), makeUpOnly.HolidayCoverage);

        var both = BusinessCalendar.Build(plain with
        {
            Holidays = [new Holiday(new LocalDate(2026, 5, 20), "Anniversary")],
            MakeUpDays = [new MakeUpWorkingDay(new LocalDate(2027, 2, 6), "swap")],
        });
        Assert.Equal(new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2027, 12, 31)), both.HolidayCoverage);
        Assert.Empty(both.HoursOn(new LocalDate(2026, 5, 20)));
    }
}
