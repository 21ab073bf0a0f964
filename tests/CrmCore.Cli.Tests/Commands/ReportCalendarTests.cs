using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// <c>crm report --calendar FILE</c> (repeatable): the report warns, in its text and its HTML, about each calendar whose holiday data does
/// not cover the whole month, as the library's report does (<c>ReportSupplements.Calendars</c>, <c>MonthlyReport.CalendarGaps</c>).
/// </summary>
public sealed class ReportCalendarTests
{
    private static readonly string[] Samples =
        ["--tickets", "samples/data/tickets.csv", "--surveys", "samples/data/surveys.csv", "--month", "2026-02"];

    [Fact]
    public void Report_ACalendarWhoseHolidayDataEndsBeforeTheMonth_WarnsInTextAndHtml()
    {
        using var dir = new TempDirectory();
        var calendar = OldCalendar(dir);
        var html = dir.File("r.html");

        var run = Crm.Run(["report", .. Samples, "--calendar", calendar, "--calendar", "samples/data/calendars/cn-standard.json", "--html", html]);

        Assert.True(run.ExitCode == 0, run.ToString());
        const string Warning = "Warning: the holiday data of calendar 'cn-old' covers 2025-01-01 to 2026-01-31 only; 28 day(s) of 2026-02 lie outside it";
        Assert.Contains("! " + Warning, run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("'cn-standard'", run.Out, StringComparison.Ordinal); // its data (2025 and 2026) covers the month
        var page = File.ReadAllText(html);
        Assert.Contains("calendar-gap", page, StringComparison.Ordinal);
        Assert.Contains("the holiday data of calendar &#39;cn-old&#39; covers 2025-01-01 to 2026-01-31 only", page.Replace("&#x27;", "&#39;", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ACalendarWhoseHolidayDataEndsBeforeTheMonth_WarnsInChinese()
    {
        using var dir = new TempDirectory();
        var calendar = OldCalendar(dir);
        var html = dir.File("r.html");

        var run = Crm.Run(["report", .. Samples, "--calendar", calendar, "--html", html, "--lang", "zh-Hans"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        const string Warning = "注意：日历“cn-old”的节假日数据仅覆盖 2025-01-01 至 2026-01-31；2026-02 有 28 天不在其中";
        Assert.Contains(Warning, run.Out, StringComparison.Ordinal);
        Assert.Contains(Warning, File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WithoutACalendar_HasNoCalendarWarning()
    {
        var run = Crm.Run(["report", .. Samples]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("holiday data", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_TwoCalendarsOfOneName_IsAUsageErrorNamingBothFiles()
    {
        using var dir = new TempDirectory();
        var calendar = OldCalendar(dir);
        var copy = dir.File("copy.json");
        File.Copy(calendar, copy);

        var run = Crm.Run(["report", .. Samples, "--calendar", calendar, "--calendar", copy]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--calendar: '{calendar}' and '{copy}' both hold the calendar 'cn-old'", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void Report_OneCalendarFileGivenTwice_SaysTheFileIsGivenTwice_InEnglishAndChinese()
    {
        using var dir = new TempDirectory();
        var calendar = OldCalendar(dir);

        var run = Crm.Run(["report", .. Samples, "--calendar", calendar, "--calendar", calendar]);
        var zh = Crm.Run(["report", .. Samples, "--calendar", calendar, "--calendar", calendar, "--lang", "zh-Hans"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal($"error: --calendar: '{calendar}' is given twice; give each calendar once (nothing was reported)", run.Error.TrimEnd());
        Assert.Equal($"错误: --calendar：“{calendar}”给出了两次；每个日历只需给出一次（未生成报告）", zh.Error.TrimEnd());
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void Report_ABadCalendar_FailsNamingTheFileAndTheProblem_BeforeAnyReport()
    {
        using var dir = new TempDirectory();
        var calendar = dir.File("bad.json");
        File.WriteAllText(calendar, "{\n  \"name\": \"x\",\n  \"timeZone\": \"Nowhere/Atlantis\"\n}");

        var run = Crm.Run(["report", .. Samples, "--calendar", calendar]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{calendar}:", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nowhere/Atlantis", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    /// <summary>A calendar whose holiday data is declared to end on 2026-01-31, before the report month 2026-02.</summary>
    private static string OldCalendar(TempDirectory dir)
    {
        var path = dir.File("old.json");
        File.WriteAllText(path, """
            {
              "name": "cn-old",
              "timeZone": "Asia/Shanghai",
              "week": { "monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"], "wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"] },
              "holidays": [ { "date": "2025-10-01", "name": "国庆节" } ],
              "holidayCoverage": { "from": "2025-01-01", "to": "2026-01-31" }
            }
            """);
        return path;
    }
}
