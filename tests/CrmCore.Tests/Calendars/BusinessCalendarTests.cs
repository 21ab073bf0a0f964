using CrmCore.Calendars;
using NodaTime;
using static CrmCore.Tests.Calendars.TestCalendars;

namespace CrmCore.Tests.Calendars;

public sealed class BusinessCalendarTests
{
    private static readonly OpeningSlot Morning = new(new LocalTime(9, 0), new LocalTime(12, 0));
    private static readonly OpeningSlot Afternoon = new(new LocalTime(13, 30), new LocalTime(18, 0));

    [Theory]
    [InlineData(2026, 2, 14, true)]  // Saturday worked before Spring Festival
    [InlineData(2026, 2, 15, false)] // Spring Festival 15–23 Feb off
    [InlineData(2026, 2, 18, false)]
    [InlineData(2026, 2, 23, false)] // a Monday, still off
    [InlineData(2026, 2, 24, true)]
    [InlineData(2026, 2, 28, true)]  // Saturday worked after it
    [InlineData(2025, 1, 26, true)]  // Sunday worked before Spring Festival 2025
    [InlineData(2025, 1, 25, false)] // an ordinary Saturday
    [InlineData(2025, 10, 8, false)]
    [InlineData(2025, 10, 11, true)]
    [InlineData(2026, 1, 4, true)]   // Sunday worked after New Year 2026
    public void IsWorkingDay_ChinaSchedule_FollowsOfficialFiles(int y, int m, int d, bool expected) =>
        Assert.Equal(expected, CnStandard.IsWorkingDay(new LocalDate(y, m, d)));

    [Fact]
    public void NextOpen_FridayNightBeforeNationalDay_StartsOnWorkedSunday()
    {
        // Friday 26 Sep 2025 at 22:00; Sunday 28 Sep is a make-up working day before the 1–8 October holiday.
        Assert.Equal(new LocalDateTime(2025, 9, 28, 9, 0), LocalCn(CnStandard.NextOpen(Cn(2025, 9, 26, 22))));
    }

    [Fact]
    public void NextOpen_FridayNightBeforeHoliday_StartsAfterTheHoliday()
    {
        // Thursday 31 Dec 2025 is a normal day; ticket on Wed 31 Dec at 22:00: 1–3 Jan off, Sunday 4 Jan worked.
        Assert.Equal(new LocalDateTime(2026, 1, 4, 9, 0), LocalCn(CnStandard.NextOpen(Cn(2025, 12, 31, 22))));
    }

    [Fact]
    public void Add_AcrossSpringFestival2026_SkipsTheNineDaysOff()
    {
        // Friday 13 Feb 22:00: clock starts Saturday 14 Feb 09:00 (worked); 8 business hours = 7.5 h that day + 0.5 h on Tue 24 Feb.
        var due = CnStandard.Add(Cn(2026, 2, 13, 22), Duration.FromHours(8));
        Assert.Equal(new LocalDateTime(2026, 2, 24, 9, 30), LocalCn(due));
        Assert.Equal(Duration.FromHours(8), CnStandard.BusinessTimeBetween(Cn(2026, 2, 13, 22), due));
    }

    [Fact]
    public void Add_OverLunch_ResumesAfterBreak()
    {
        Assert.Equal(new LocalDateTime(2026, 3, 3, 14, 30), LocalCn(CnStandard.Add(Cn(2026, 3, 3, 11), Duration.FromHours(2))));
    }

    [Fact]
    public void Add_EndingExactlyAtClose_ReturnsNextOpening()
    {
        // Tue 3 Mar 2026 16:00 + 2 h ends at 18:00 closing: the result is the next opening.
        Assert.Equal(new LocalDateTime(2026, 3, 4, 9, 0), LocalCn(CnStandard.Add(Cn(2026, 3, 3, 16), Duration.FromHours(2))));
    }

    [Fact]
    public void Add_AcrossYearEnd_UsesWorkedSunday()
    {
        // Wed 31 Dec 2025 17:00 + 2 h: one hour left that day, 1–3 Jan off, Sunday 4 Jan 2026 is worked.
        Assert.Equal(new LocalDateTime(2026, 1, 4, 10, 0), LocalCn(CnStandard.Add(Cn(2025, 12, 31, 17), Duration.FromHours(2))));
    }

    [Fact]
    public void AddWorkingDays_RevisitAfterResolutionBeforeSpringFestival_CountsOnlyWorkedDays()
    {
        // Resolved Fri 13 Feb 2026 15:00; revisit within 2 working days: Sat 14 Feb (worked) and Tue 24 Feb.
        Assert.Equal(new LocalDateTime(2026, 2, 24, 15, 0), LocalCn(CnStandard.AddWorkingDays(Cn(2026, 2, 13, 15), 2)));
    }

    [Fact]
    public void AddWorkingDays_StartInLunchBreak_AnchorsAtAfternoonOpening()
    {
        // Resolved Tue 3 Mar 12:30 (lunch): the anchor is 13:30, so 2 working days later is Thu 5 Mar 13:30.
        Assert.Equal(new LocalDateTime(2026, 3, 5, 13, 30), LocalCn(CnStandard.AddWorkingDays(Cn(2026, 3, 3, 12, 30), 2)));
    }

    [Fact]
    public void AddWorkingDays_TargetDayIsPartialHoliday_ClampsToItsClose()
    {
        var definition = new BusinessCalendarDefinition
        {
            Name = "eve",
            TimeZoneId = "Asia/Shanghai",
            Week = WeeklySchedule.Weekdays(Morning, Afternoon),
            Holidays = [new Holiday(new LocalDate(2026, 12, 31), "New Year's Eve", [Morning])],
            HorizonStart = new LocalDate(2026, 12, 1),
            HorizonEnd = new LocalDate(2027, 1, 31),
        };
        var calendar = BusinessCalendar.Build(definition);
        var due = calendar.AddWorkingDays(Cn(2026, 12, 29, 16), 2);
        Assert.Equal(new LocalDateTime(2026, 12, 31, 12, 0), LocalCn(due));
        Assert.Equal(Morning, Assert.Single(calendar.HoursOn(new LocalDate(2026, 12, 31))));
    }

    [Fact]
    public void BusinessTimeBetween_BerlinSpringForward_CountsTwentyThreeHourSunday()
    {
        var calendar = BusinessCalendar.Build(new BusinessCalendarDefinition
        {
            Name = "weekend",
            TimeZoneId = "Europe/Berlin",
            Week = WeeklySchedule.Create(new Dictionary<IsoDayOfWeek, IEnumerable<OpeningSlot>>
            {
                [IsoDayOfWeek.Saturday] = [OpeningSlot.WholeDay],
                [IsoDayOfWeek.Sunday] = [OpeningSlot.WholeDay],
            }),
            HorizonStart = new LocalDate(2026, 3, 1),
            HorizonEnd = new LocalDate(2026, 4, 30),
        });
        var zone = calendar.Zone;
        var saturday = new LocalDate(2026, 3, 28).AtStartOfDayInZone(zone).ToInstant();
        var monday = new LocalDate(2026, 3, 30).AtStartOfDayInZone(zone).ToInstant();
        Assert.Equal(Duration.FromHours(47), calendar.BusinessTimeBetween(saturday, monday));
        Assert.Equal(Duration.FromHours(47), monday - saturday);
    }

    [Fact]
    public void BusinessTimeBetween_NewYorkFallBack_CountsTheRepeatedHour()
    {
        // Sunday 1 Nov 2026 the clocks go back from 02:00 to 01:00; a 01:00–04:00 slot lasts four real hours.
        var calendar = BusinessCalendar.Build(new BusinessCalendarDefinition
        {
            Name = "night",
            TimeZoneId = "America/New_York",
            Week = WeeklySchedule.Create(new Dictionary<IsoDayOfWeek, IEnumerable<OpeningSlot>>
            {
                [IsoDayOfWeek.Sunday] = [new OpeningSlot(new LocalTime(1, 0), new LocalTime(4, 0))],
            }),
            HorizonStart = new LocalDate(2026, 10, 1),
            HorizonEnd = new LocalDate(2026, 11, 30),
        });
        var day = new LocalDate(2026, 11, 1).AtStartOfDayInZone(calendar.Zone).ToInstant();
        Assert.Equal(Duration.FromHours(4), calendar.BusinessTimeBetween(day, day + Duration.FromHours(12)));
        Assert.Equal(Duration.FromHours(3), calendar.BusinessTimeBetween(day + Duration.FromDays(7), day + Duration.FromDays(7) + Duration.FromHours(12)));
    }

    [Fact]
    public void AlwaysOpen_Operations_ArePlainInstantArithmetic()
    {
        var at = Instant.FromUtc(2026, 3, 29, 3, 0);
        var calendar = BusinessCalendar.AlwaysOpen;
        Assert.True(calendar.IsAlwaysOpen);
        Assert.True(calendar.IsOpen(at));
        Assert.Equal(at, calendar.NextOpen(at));
        Assert.Equal(at + Duration.FromHours(5), calendar.Add(at, Duration.FromHours(5)));
        Assert.Equal(Duration.FromHours(-2), calendar.BusinessTimeBetween(at, at - Duration.FromHours(2)));
        Assert.Equal(at + Duration.FromDays(2), calendar.AddWorkingDays(at, 2));
    }

    [Fact]
    public void Add_BeyondHorizon_ThrowsHorizonException()
    {
        var ex = Assert.Throws<CalendarHorizonException>(() => CnStandard.Add(Cn(2030, 12, 30, 10), Duration.FromHours(100)));
        Assert.Equal("CRM-CALENDAR-HORIZON", ex.Code);
        Assert.Throws<CalendarHorizonException>(() => CnStandard.IsOpen(Cn(2023, 6, 1, 10)));
    }

    [Fact]
    public void Add_NegativeDuration_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CnStandard.Add(Cn(2026, 3, 3, 10), Duration.FromHours(-1)));

    [Fact]
    public void Build_DateBothHolidayAndMakeUpDay_ThrowsArgumentException()
    {
        var date = new LocalDate(2026, 2, 14);
        Assert.Throws<ArgumentException>(() => BusinessCalendar.Build(new BusinessCalendarDefinition
        {
            Name = "bad",
            TimeZoneId = "Asia/Shanghai",
            Week = WeeklySchedule.Weekdays(Morning),
            Holidays = [new Holiday(date, "x")],
            MakeUpDays = [new MakeUpWorkingDay(date, "y")],
        }));
    }

    [Fact]
    public void WeeklySchedule_OverlappingSlots_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => WeeklySchedule.Weekdays(Morning, new OpeningSlot(new LocalTime(11, 0), new LocalTime(14, 0))));

    [Fact]
    public void CalendarRegistry_SetAndGet_ReturnsCalendarAndKnows24x7()
    {
        ICalendarProvider registry = new CalendarRegistry([CnStandard]);
        Assert.Same(CnStandard, registry.Get("cn-standard"));
        Assert.Same(BusinessCalendar.AlwaysOpen, registry.Get("24x7"));
        Assert.Equal("CRM-CALENDAR-UNKNOWN", Assert.Throws<CrmException>(() => registry.Get("nope")).Code);
    }

    [Fact]
    public void Subtract_TwoBusinessHoursBeforeMondayTen_IsFridayFive()
    {
        // Reminder two business hours before a due time: one hour on Monday morning, one before Friday's 18:00 closing.
        Assert.Equal(new LocalDateTime(2026, 3, 6, 17, 0), LocalCn(CnStandard.Subtract(Cn(2026, 3, 9, 10), Duration.FromHours(2))));
    }

    [Fact]
    public void Subtract_EndingAtAnOpening_AnswersThePreviousClosing()
    {
        Assert.Equal(new LocalDateTime(2026, 3, 9, 12, 0), LocalCn(CnStandard.Subtract(Cn(2026, 3, 9, 14, 30), Duration.FromHours(1))));
        Assert.Equal(new LocalDateTime(2026, 3, 6, 18, 0), LocalCn(CnStandard.PreviousClose(Cn(2026, 3, 9, 9))));
        Assert.Equal(new LocalDateTime(2026, 3, 9, 10, 0), LocalCn(CnStandard.PreviousClose(Cn(2026, 3, 9, 10))));
    }

    [Fact]
    public void Subtract_OverSpringFestival_SkipsTheHolidayAndUsesTheWorkedSaturday()
    {
        // Tue 24 Feb 2026 10:00 back 8 business hours: 1 h that morning, then Sat 14 Feb (worked) gives 7 h from 18:00 back to 09:30.
        Assert.Equal(new LocalDateTime(2026, 2, 14, 9, 30), LocalCn(CnStandard.Subtract(Cn(2026, 2, 24, 10), Duration.FromHours(8))));
    }

    [Theory]
    [InlineData(11, 10, 0, -2, 9, 10, 0)]   // same time two working days earlier
    [InlineData(11, 20, 0, -2, 9, 18, 0)]   // after closing: anchored at Wednesday's 18:00
    [InlineData(11, 12, 45, -1, 10, 12, 0)] // in the lunch break: anchored at its start
    [InlineData(11, 8, 0, -1, 9, 18, 0)]    // before opening: anchored at Tuesday's 18:00
    [InlineData(9, 10, 0, -1, 6, 10, 0)]    // Monday back to Friday over the weekend
    public void AddWorkingDays_Negative_CountsBackFromThePreviousClosing(int day, int h, int min, int n, int eDay, int eH, int eMin) =>
        Assert.Equal(new LocalDateTime(2026, 3, eDay, eH, eMin), LocalCn(CnStandard.AddWorkingDays(Cn(2026, 3, day, h, min), n)));
}
