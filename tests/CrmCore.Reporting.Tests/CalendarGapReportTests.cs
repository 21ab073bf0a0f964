using System.Globalization;
using CrmCore.Calendars;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using MiniExcelLibs;
using NodaTime;
using static CrmCore.Reporting.Tests.ReportData;

namespace CrmCore.Reporting.Tests;

/// <summary>
/// A month past a calendar's holiday data is said at the top of the report (qa18: a host's 2027-02 report used a calendar whose holidays
/// ended in 2026 and said nothing; its SLA clocks had counted weekends alone). Text, HTML and .xlsx, English and zh-Hans.
/// </summary>
public sealed class CalendarGapReportTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    private static BusinessCalendar Calendar(string name, LocalDate start, LocalDate end) => BusinessCalendar.Build(new BusinessCalendarDefinition
    {
        Name = name,
        TimeZoneId = "Asia/Shanghai",
        HolidayCoverage = new DateInterval(start, end),
    });

    private static MonthlyReport Build(params BusinessCalendar[] calendars) =>
        new MonthlyReportBuilder(new MetricsOptions(), new SatisfactionOptions()).Build(Input(), February, null, new ReportSupplements { Calendars = calendars });

    [Fact]
    public void MonthPartlyPastTheHolidayData_IsAGap_CountingTheDaysOutside()
    {
        // February 2026 has 28 days; the data ends on the 10th: 18 days outside. A calendar that covers the month, and the same name
        // twice, add nothing.
        var ending = Calendar("cn-standard", new LocalDate(2025, 1, 1), new LocalDate(2026, 2, 10));
        var covering = Calendar("cn-full", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31));

        var report = Build(ending, covering, ending);

        var gap = Assert.Single(report.CalendarGaps);
        Assert.Equal(("cn-standard", 18), (gap.Calendar, gap.DaysOutside));
        Assert.Equal(new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2026, 2, 10)), gap.Coverage);
    }

    [Fact]
    public void CoveredMonth_OrNoCalendars_OrACalendarClaimingNoHolidayData_HasNoGap()
    {
        Assert.Empty(Build(Calendar("cn", new LocalDate(2026, 2, 1), new LocalDate(2026, 2, 28))).CalendarGaps);
        Assert.Empty(Build().CalendarGaps);
        Assert.Empty(Build(BusinessCalendar.Build(new BusinessCalendarDefinition { Name = "plain", TimeZoneId = "UTC" })).CalendarGaps);
    }

    [Fact]
    public void Text_OpensWithTheWarning_InEnglishAndChinese()
    {
        var report = Build(Calendar("cn-standard", new LocalDate(2024, 1, 1), new LocalDate(2025, 12, 31)));

        var english = report.ToText(English);
        var chinese = report.ToText(Chinese);

        Assert.Contains("\n\n! Warning: the holiday data of calendar 'cn-standard' covers 2024-01-01 to 2025-12-31 only; 28 day(s) of 2026-02 lie outside it", english, StringComparison.Ordinal);
        Assert.True(english.IndexOf("! Warning", StringComparison.Ordinal) < english.IndexOf("  0 of", StringComparison.Ordinal) || !english.Contains("  0 of", StringComparison.Ordinal));
        Assert.Contains("! 注意：日历“cn-standard”的节假日数据仅覆盖 2024-01-01 至 2025-12-31；2026-02 有 28 天不在其中", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("! ", Build().ToText(English), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_ShowsTheWarningInTheSummary_AndTheWorkbookInItsSummarySheet()
    {
        var report = Build(Calendar("cn-standard", new LocalDate(2024, 1, 1), new LocalDate(2025, 12, 31)));

        var html = report.ToHtml(Chinese);
        Assert.Contains("<p class=\"summary bad calendar-gap\" role=\"alert\">注意：日历“cn-standard”的节假日数据仅覆盖 2024-01-01 至 2025-12-31", html, StringComparison.Ordinal);
        Assert.DoesNotContain("calendar-gap", Build().ToHtml(Chinese), StringComparison.Ordinal);

        using var stream = new MemoryStream();
        report.WriteXlsx(stream, English);
        stream.Position = 0;
        var summary = (IDictionary<string, object?>)stream.Query(useHeaderRow: true, sheetName: "Summary").Single();
        Assert.StartsWith("Warning: the holiday data of calendar 'cn-standard'", (string)summary["Warnings"]!, StringComparison.Ordinal);
    }
}
