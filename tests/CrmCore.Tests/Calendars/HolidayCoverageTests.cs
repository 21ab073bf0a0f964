using System.Collections.Immutable;
using System.Globalization;
using CrmCore.Calendars;
using CrmCore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using static CrmCore.Tests.Calendars.TestCalendars;

namespace CrmCore.Tests.Calendars;

/// <summary>A calendar knows the years its holiday data covers, and says so when arithmetic goes past them.</summary>
public sealed class HolidayCoverageTests
{
    // A fresh instance per test: subscribers are per calendar instance, and the shared TestCalendars instance is used in parallel.
    private static BusinessCalendar LoadChina(bool strict = false)
    {
        var calendar = CalendarJson.Load(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport).GetValueOrThrow();
        return strict ? BusinessCalendar.Build(calendar.Definition with { StrictHolidayCoverage = true }) : calendar;
    }

    [Fact]
    public void ChineseFiles_CoverTheirYears()
    {
        var coverage = LoadChina().HolidayCoverage;
        Assert.Equal(new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2026, 12, 31)), coverage);
    }

    [Fact]
    public void AddWorkingDays_Into2027_AnswersAndRaisesTheEventNamingTheDate()
    {
        var calendar = LoadChina();
        var raised = new List<HolidayCoverageEventArgs>();
        calendar.HolidayCoverageExceeded += (_, e) => raised.Add(e);

        var due = calendar.AddWorkingDays(Cn(2027, 2, 5, 10), 2);

        Assert.Equal(new LocalDateTime(2027, 2, 9, 10, 0), LocalCn(due));
        var e = Assert.Single(raised);
        Assert.Equal("cn-standard", e.CalendarName);
        Assert.Equal(nameof(BusinessCalendar.AddWorkingDays), e.Operation);
        Assert.Equal(2027, e.Date.Year);
        Assert.Contains("2027-02-05", e.Message(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("节假日数据", e.Message(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public void OperationsInsideTheCoverage_RaiseNothing()
    {
        var calendar = LoadChina();
        var raised = 0;
        calendar.HolidayCoverageExceeded += (_, _) => raised++;

        calendar.AddWorkingDays(Cn(2026, 9, 30, 10), 5);
        calendar.Add(Cn(2026, 12, 31, 10), Duration.FromHours(1));
        calendar.Subtract(Cn(2025, 1, 3, 12), Duration.FromHours(2));
        calendar.BusinessTimeBetween(Cn(2025, 1, 1, 0), Cn(2026, 12, 31, 23));

        Assert.Equal(0, raised);
    }

    [Fact]
    public void EveryKindOfOperationPastTheCoverage_RaisesTheEvent()
    {
        var calendar = LoadChina();
        var operations = new List<string>();
        calendar.HolidayCoverageExceeded += (_, e) => operations.Add(e.Operation);

        calendar.Add(Cn(2026, 12, 31, 17), Duration.FromHours(2));
        calendar.Subtract(Cn(2025, 1, 2, 10), Duration.FromHours(8));
        calendar.BusinessTimeBetween(Cn(2026, 12, 1, 9), Cn(2027, 1, 5, 9));
        calendar.AddWorkingDays(Cn(2025, 1, 3, 10), -3);
        calendar.IsWorkingDay(new LocalDate(2024, 10, 1));

        Assert.Equal(["Add", "Subtract", "BusinessTimeBetween", "AddWorkingDays", "IsWorkingDay"], operations);
    }

    [Fact]
    public void StrictCalendar_ThrowsTypedExceptionWithCodeAndChineseMessage()
    {
        var calendar = LoadChina(strict: true);

        var ex = Assert.Throws<HolidayCoverageException>(() => calendar.AddWorkingDays(Cn(2027, 2, 5, 10), 2));

        Assert.Equal("CRM-CALENDAR-COVERAGE", ex.Code);
        Assert.Equal(new LocalDate(2027, 2, 5), ex.Date);
        Assert.Contains("2025-01-01", ex.Message, StringComparison.Ordinal);
        Assert.Contains("节假日数据只覆盖", ex.LocalizedMessage(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Equal(LocalCn(Cn(2026, 3, 4, 10)), LocalCn(calendar.AddWorkingDays(Cn(2026, 3, 2, 10), 2)));
    }

    [Fact]
    public void Coverage_IsInferredFromListedDates_OrTakenFromJson_OrUnlimitedWithoutHolidays()
    {
        var definition = new BusinessCalendarDefinition
        {
            Name = "company",
            TimeZoneId = "Asia/Shanghai",
            Week = WeeklySchedule.Weekdays(new OpeningSlot(new LocalTime(9, 0), new LocalTime(18, 0))),
            Holidays = [new Holiday(new LocalDate(2026, 5, 20), "Anniversary")],
        };
        Assert.Equal(new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)), BusinessCalendar.Build(definition).HolidayCoverage);
        Assert.Null(BusinessCalendar.Build(definition with { Holidays = ImmutableArray<Holiday>.Empty }).HolidayCoverage);

        const string Json = """
            { "name": "x", "timeZone": "Asia/Shanghai", "week": { "monday": ["09:00-18:00"] },
              "holidays": [ { "date": "2026-05-20" } ], "holidayCoverage": { "from": "2026-01-01", "to": "2028-12-31" } }
            """;
        Assert.Equal(new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2028, 12, 31)), CalendarJson.Load(Json).GetValueOrThrow().HolidayCoverage);

        var bad = CalendarJson.Load(Json.Replace("2028-12-31", "2025-12-31", StringComparison.Ordinal));
        Assert.Contains(bad.Problems, p => p.Path == "$.holidayCoverage");
    }

    [Fact]
    public void Host_LogsOneWarningPerCalendarAndYear_OrThrowsInStrictMode()
    {
        var logger = new CapturingLoggerFactory();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(logger)
            .AddCrmCalendars(o => o.AddJson(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport));
        using (var provider = services.BuildServiceProvider())
        {
            var calendar = provider.GetRequiredService<CalendarRegistry>().Get("cn-standard");
            calendar.AddWorkingDays(Cn(2027, 2, 5, 10), 2);
            calendar.AddWorkingDays(Cn(2027, 3, 5, 10), 2);
            calendar.Add(Cn(2028, 3, 1, 10), Duration.FromHours(1));
        }

        Assert.Equal(2, logger.Warnings.Count);
        Assert.Contains("2027", logger.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("2028", logger.Warnings[1], StringComparison.Ordinal);

        using var strict = new ServiceCollection()
            .AddCrmCalendars(o =>
            {
                o.StrictHolidayCoverage = true;
                o.AddJson(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport);
            })
            .BuildServiceProvider();
        var strictCalendar = strict.GetRequiredService<CalendarRegistry>().Get("default");
        Assert.Throws<HolidayCoverageException>(() => strictCalendar.AddWorkingDays(Cn(2027, 2, 5, 10), 2));
    }
}
