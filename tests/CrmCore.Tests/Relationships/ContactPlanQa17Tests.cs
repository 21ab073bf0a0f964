using System.Globalization;
using CrmCore.Calendars;
using CrmCore.Relationships;
using CrmCore.Tests.Calendars;
using CrmCore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using static CrmCore.Tests.Relationships.PlanTestData;

namespace CrmCore.Tests.Relationships;

/// <summary>Silent care outside the calendar kept and reported (wave 17).</summary>
public sealed class ContactPlanQa17Tests
{
    private static readonly CultureInfo ZhHans = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public void SilentCare_BeganBeforeTheCalendarsHorizon_KeepsItsDateAndIsReported()
    {
        // Last interaction 2023-05-10, silent from 2023-08-10: cn-standard's horizon starts on 2024-01-01, so no working day is known
        // there. Planning used to fail with a horizon error for the whole plan.
        var subject = Subject(null, D(2024, 4, 1)) with { LastInteractionAt = At(2023, 5, 10) };
        var planner = Planner(ContactPolicy.Document003);
        var reports = new List<PlanDateUncheckedEventArgs>();
        planner.DueDateUnchecked += (_, e) => reports.Add(e);

        var care = planner.Plan(subject, D(2026, 3, 16), D(2026, 3, 22)).Single(e => e.Kind == PlanKind.SilentCare);

        Assert.Equal(D(2023, 8, 10), care.DueOn);
        Assert.Equal(D(2023, 8, 10), care.Occasion);
        Assert.Equal(D(2023, 8, 10).AtStartOfDayInZone(PlanTestData.Calendar.Zone).ToInstant(), care.PlannedAt);
        Assert.True(care.IsOverdueAt(D(2026, 3, 16).AtStartOfDayInZone(PlanTestData.Calendar.Zone).ToInstant()));
        var report = Assert.Single(reports);
        Assert.Equal((Customer, PlanKind.SilentCare, D(2023, 8, 10), "cn-standard"), (report.Customer, report.Kind, report.Date, report.CalendarName));
        Assert.Equal(new DateInterval(D(2024, 1, 1), D(2030, 12, 31)), report.Horizon);
        Assert.Equal(
            "Silent-customer care for C202603001 is due on 2023-08-10, outside calendar 'cn-standard' (2024-01-01 to 2030-12-31): the date is kept, "
            + "not moved off weekends and holidays. Extend the calendar's horizon to cover it.",
            report.Message(CultureInfo.InvariantCulture));
        Assert.Equal(
            "客户 C202603001 的沉默客户关怀于 2023-08-10 到期，不在日历“cn-standard”的计算范围（2024-01-01 至 2030-12-31）内：该日期保持不变，未避开周末和节假日。请扩展日历的计算范围（horizon）以涵盖该日期。",
            report.Message(ZhHans));
    }

    [Fact]
    public void Host_LogsADueDateOutsideTheCalendar()
    {
        var logger = new CapturingLoggerFactory();
        using var provider = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(logger)
            .AddCrmCalendars(o => o.AddJson(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport))
            .AddCrmRelationships(o =>
            {
                o.Policy = ContactPolicy.Document003;
                o.Calendar = "cn-standard";
            })
            .BuildServiceProvider();
        var subject = Subject(null, D(2024, 4, 1)) with { LastInteractionAt = At(2023, 5, 10) };

        provider.GetRequiredService<ContactPlanner>().Plan(subject, D(2026, 3, 16), D(2026, 3, 22));

        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("C202603001", warning, StringComparison.Ordinal);
        Assert.Contains("2023-08-10, outside calendar 'cn-standard'", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void SilentCare_MovingOffAWeekendWouldLeaveTheHorizon_KeepsItsDateAndIsReported()
    {
        // The horizon starts on Saturday 2026-01-03; silent from that day, the previous working day is outside the calendar.
        var calendar = BusinessCalendar.Build(new BusinessCalendarDefinition
        {
            Name = "short",
            TimeZoneId = "Asia/Shanghai",
            Week = WeeklySchedule.Weekdays(new OpeningSlot(new LocalTime(9, 0), new LocalTime(18, 0))),
            HorizonStart = D(2026, 1, 3),
            HorizonEnd = D(2026, 12, 31),
        });
        var policy = ContactPolicy.Document003 with { DueOnHoliday = HolidayShift.PreviousWorkingDay };
        var planner = new ContactPlanner(policy, calendar);
        var reports = new List<PlanDateUncheckedEventArgs>();
        planner.DueDateUnchecked += (_, e) => reports.Add(e);
        var subject = Subject(null, D(2026, 1, 5)) with { LastInteractionAt = At(2025, 10, 3) };

        var care = planner.Plan(subject, D(2026, 3, 16), D(2026, 3, 22)).Single(e => e.Kind == PlanKind.SilentCare);

        Assert.Equal(D(2026, 1, 3), care.DueOn);
        Assert.Equal(D(2026, 1, 3), Assert.Single(reports).Date);
    }

    [Fact]
    public void SilentCare_InsideTheHorizon_NotReported()
    {
        var subject = Subject(null, D(2024, 4, 1)) with { LastInteractionAt = At(2025, 10, 20) };
        var planner = Planner(ContactPolicy.Document003);
        var reports = 0;
        planner.DueDateUnchecked += (_, _) => reports++;

        var care = planner.Plan(subject, D(2026, 3, 16), D(2026, 3, 22)).Single(e => e.Kind == PlanKind.SilentCare);

        Assert.Equal(D(2026, 1, 20), care.DueOn);
        Assert.Equal(0, reports);
    }

    [Fact]
    public void SilentCare_BeforeTheHolidayData_TheCalendarReportsIt()
    {
        // Silent from 2024-06-01 (a Saturday): inside the horizon, before the holiday data (2025-2026). Moved off the weekend by the weekly
        // hours, and the calendar says that it had no holidays for that date.
        var calendar = CalendarJson.Load(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport).GetValueOrThrow();
        var seen = new List<LocalDate>();
        calendar.HolidayCoverageExceeded += (_, e) => seen.Add(e.Date);
        var subject = Subject(null, D(2024, 4, 1)) with { LastInteractionAt = At(2024, 3, 1) };

        var care = new ContactPlanner(ContactPolicy.Document003, calendar).Plan(subject, D(2026, 3, 16), D(2026, 3, 22)).Single(e => e.Kind == PlanKind.SilentCare);

        Assert.Equal(D(2024, 6, 3), care.DueOn);
        Assert.Contains(D(2024, 6, 1), seen);
    }
    private static Instant At(int y, int m, int d) => PlanTestData.Calendar.Zone.AtStrictly(new LocalDateTime(y, m, d, 10, 0)).ToInstant();
}
