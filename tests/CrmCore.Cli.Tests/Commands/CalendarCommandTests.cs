using CrmCore.Cli.Commands;
using CrmCore.Cli.Tests.Infrastructure;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using static CrmCore.Testing.LongGens;
using NodaTime;

namespace CrmCore.Cli.Tests.Commands;

public sealed class CalendarCommandTests
{
    private const string Calendar = "samples/data/calendars/cn-standard.json";

    [Fact]
    public void Add_BusinessHoursOverNationalDay_SkipsHolidays()
    {
        var run = Crm.Run("calendar", "add", Calendar, "--from", "2026-09-30T16:00", "--business", "4h");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("2026-10-08T11:00", run.Out.Trim());
    }

    [Fact]
    public void Add_GbkHolidayImport_RefusedWithoutEncodingAndReadWithIt()
    {
        using var temp = new TempDirectory();
        var calendar = temp.Write("cal.json", """
            { "name": "t", "timeZone": "Asia/Shanghai",
              "week": { "monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"], "wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"] },
              "imports": [ { "source": "holidays.json", "format": "chinese-days" } ] }
            """);
        File.WriteAllBytes(
            temp.File("holidays.json"),
            CrmCore.Decoding.StrictTextDecoder.GetEncoding("gb18030").GetBytes("""{"holidays":{"2026-01-01":"New Year's Day,元旦,1"},"workdays":{},"inLieuDays":{}}"""));

        var plain = Crm.Run("calendar", "add", calendar, "--from", "2025-12-31T10:00", "--working-days", "1");
        var told = Crm.Run("calendar", "add", calendar, "--from", "2025-12-31T10:00", "--working-days", "1", "--encoding", "gb18030");

        Assert.True(plain.ExitCode == 1, plain.ToString());
        Assert.Contains("holidays.json", plain.Error, StringComparison.Ordinal);
        Assert.Contains("GBK", plain.Error, StringComparison.Ordinal);
        Assert.True(told.ExitCode == 0, told.ToString());
        Assert.Equal("2026-01-02T10:00", told.Out.Trim());
    }

    [Fact]
    public void Add_BadHolidayImport_ErrorNamesTheImportRelativeToTheCalendarAsGiven()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("cals"));
        temp.Write(Path.Combine("cals", "cal.json"), """
            { "name": "t", "timeZone": "Asia/Shanghai",
              "week": { "monday": ["09:00-18:00"] },
              "imports": [ { "source": "holidays.json", "format": "chinese-days" } ] }
            """);
        File.WriteAllBytes(temp.File(Path.Combine("cals", "holidays.json")), [.. "{\"holidays\":{\"2026-01-01\":\"New Year's Day,"u8, 0xFF, .. "\"}}"u8]);
        var console = new TestConsole { WorkingDirectory = temp.FullName };

        var run = Crm.Run(console, "calendar", "add", Path.Combine("cals", "cal.json"), "--from", "2025-12-31T10:00", "--working-days", "1");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(Path.Combine("cals", "holidays.json") + ":1:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(temp.FullName, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_WorkingDays_SameTimeOnTheNthWorkingDay()
    {
        var run = Crm.Run("calendar", "add", Calendar, "--from", "2026-03-02 10:00", "--working-days", "2");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("2026-03-04T10:00", run.Out.Trim());
    }

    [Fact]
    public void Add_PastTheHolidayData_AnswersWithAWarningInTheChosenLanguage()
    {
        var run = Crm.Run("calendar", "add", Calendar, "--from", "2027-02-05T10:00", "--working-days", "2");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("2027-02-09T10:00", run.Out.Trim());
        Assert.Contains("warning", run.Error, StringComparison.Ordinal);
        Assert.Contains("2025-01-01 to 2026-12-31", run.Error, StringComparison.Ordinal);

        var zh = Crm.Run("calendar", "add", Calendar, "--from", "2027-02-05T10:00", "--working-days", "2", "--lang", "zh-Hans");
        Assert.Equal("2027-02-09T10:00", zh.Out.Trim());
        Assert.Contains("警告", zh.Error, StringComparison.Ordinal);
        Assert.Contains("节假日数据只覆盖 2025-01-01 至 2026-12-31", zh.Error, StringComparison.Ordinal);

        var inside = Crm.Run("calendar", "add", Calendar, "--from", "2026-03-02T10:00", "--working-days", "2");
        Assert.Equal(string.Empty, inside.Error);
    }

    [Fact]
    public void Between_OneWorkingDay_IsSevenAndAHalfHours()
    {
        var run = Crm.Run("calendar", "between", Calendar, "--from", "2026-03-02T09:00", "--to", "2026-03-02T18:00");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("7h30m", run.Out.Trim());
    }

    [Fact]
    public void Between_Reversed_IsNegative()
    {
        var run = Crm.Run("calendar", "between", Calendar, "--from", "2026-03-02T11:00", "--to", "2026-03-02T10:00");
        Assert.Equal("-1h", run.Out.Trim());
    }

    // 30 business seconds backwards is less than a minute: no whole minute, so no sign either (it printed "-0m").
    [Fact]
    public void Between_ReversedByLessThanAMinute_IsZeroWithoutASign()
    {
        var run = Crm.Run("calendar", "between", Calendar, "--from", "2026-03-02T10:00:30", "--to", "2026-03-02T10:00");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("0m", run.Out.Trim());
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(-30_000_000_000L)]
    [InlineData(-59_999_999_999L)]
    public void FormatDuration_NegativeUnderAMinute_IsZeroWithoutASign(long nanoseconds)
    {
        Assert.Equal("0m", CalendarCommands.FormatDuration(Duration.FromNanoseconds(nanoseconds)));
        Assert.Equal("-1m", CalendarCommands.FormatDuration(Duration.FromNanoseconds(nanoseconds - 60_000_000_000L)));
    }

    [Theory]
    [InlineData("--business", "4h", "--working-days", "1")]
    [InlineData("--business", "soon")]
    [InlineData("--working-days", "-1")]
    public void Add_BadOptions_UsageError(params string[] options)
    {
        var run = Crm.Run(["calendar", "add", Calendar, "--from", "2026-03-02T10:00", .. options]);
        Assert.True(run.ExitCode == 2, run.ToString());
    }

    [Fact]
    public void Add_NoDurationOption_UsageError()
    {
        var run = Crm.Run("calendar", "add", Calendar, "--from", "2026-03-02T10:00");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("exactly one of --business or --working-days", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_BadLocalTime_UsageError()
    {
        Assert.Equal(2, Crm.Run("calendar", "add", Calendar, "--from", "2026-03-02T10:00+08:00", "--business", "1h").ExitCode);
    }

    [Fact]
    public void Add_OutsideHorizon_ExitsOne()
    {
        var run = Crm.Run("calendar", "add", Calendar, "--from", "2035-01-01T10:00", "--business", "1h");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("horizon", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_InvalidCalendar_ListsProblemsAndExitsOne()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("bad.json", "{\"name\": \"x\", \"timeZone\": \"Mars/Olympus\", \"week\": {}}");
        var run = Crm.Run("calendar", "between", file, "--from", "2026-03-02T09:00", "--to", "2026-03-02T10:00", "--lang", "zh-Hans");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Mars/Olympus", run.Error, StringComparison.Ordinal);
        Assert.Contains("有 ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidCalendar_ZhHans_ShowsChineseProblemTexts()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("bad.json", "{\"name\": \"x\", \"timeZone\": \"Mars/Olympus\", \"week\": {\"funday\": []}}");

        var zh = Crm.Run("calendar", "between", file, "--from", "2026-03-02T09:00", "--to", "2026-03-02T10:00", "--lang", "zh-Hans");
        var en = Crm.Run("calendar", "between", file, "--from", "2026-03-02T09:00", "--to", "2026-03-02T10:00");

        Assert.Equal(1, zh.ExitCode);
        Assert.Contains("$.timeZone: “Mars/Olympus”不是 IANA 时区标识（例如 Asia/Shanghai）。", zh.Error, StringComparison.Ordinal);
        Assert.Contains("$.week.funday: 未知的星期名称；请使用 monday … sunday。", zh.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("is not an IANA time zone", zh.Error, StringComparison.Ordinal);
        Assert.Contains("$.timeZone: 'Mars/Olympus' is not an IANA time zone id", en.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "error $.name: 'name' is given twice in this object (first at line:col 1:2)")]
    [InlineData("zh-Hans", "错误 $.name: 同一对象中“name”出现了两次（第一次在 行:列 1:2）")]
    public void InvalidCalendar_ProblemWithLineAndPath_ShowsFileLineColumnThenThePath(string lang, string expected)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("dup.json", "{\"name\": \"x\",\n \"name\": \"y\", \"timeZone\": \"Asia/Shanghai\", \"week\": {}}");

        var run = Crm.Run("calendar", "between", file, "--from", "2026-03-02T09:00", "--to", "2026-03-02T10:00", "--lang", lang);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(file + ":2:2: " + expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OutsideHorizon_ZhHans_ChineseError()
    {
        var run = Crm.Run("calendar", "add", Calendar, "--from", "2035-01-01T10:00", "--business", "1h", "--lang", "zh-Hans");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("请扩展日历的计算范围（horizon）", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_Calendar_PrintsTheCalendarSchema()
    {
        var run = Crm.Run("schema", "calendar");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"timeZone\"", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0m")]
    [InlineData(45, "45m")]
    [InlineData(120, "2h")]
    [InlineData(390, "6h30m")]
    [InlineData(-90, "-1h30m")]
    public void FormatDuration_RoundTripsThroughTheParser(int minutes, string expected)
    {
        var text = CalendarCommands.FormatDuration(Duration.FromMinutes(minutes));
        Assert.Equal(expected, text);
        if (minutes > 0)
        {
            Assert.Equal(Duration.FromMinutes(minutes), LocalTimeParser.BusinessDuration(text));
        }
    }

    // The documented form from the exact nanoseconds: the magnitude's whole minutes rounded toward zero (seconds and less dropped),
    // as hours and minutes, after a minus sign when the duration is negative and that count is not zero.
    private static string ModelFormat(Duration duration)
    {
        var nanoseconds = duration.ToBigIntegerNanoseconds();
        var minutes = BigInteger.Abs(nanoseconds) / NodaConstants.NanosecondsPerMinute;
        var (hours, rest) = ((long)(minutes / 60), (long)(minutes % 60));
        var sign = nanoseconds < 0 && minutes > 0 ? "-" : string.Empty;
        return hours == 0 ? FormattableString.Invariant($"{sign}{rest}m")
            : rest == 0 ? FormattableString.Invariant($"{sign}{hours}h") : FormattableString.Invariant($"{sign}{hours}h{rest}m");
    }

    // Whole minutes up to the longest duration (2^24 days) and a few nanoseconds either side, where a double of the minutes rounds
    // to the whole minute; or any long of nanoseconds.
    private static Gen<Duration> DurationGen()
    {
        var mostMinutes = (1L << 24) * 1440 - 1;
        return Gen.Frequency(
            (3, from raw in AnyLong()
                from nanoseconds in Gen.Choose(-3, 3)
                let minutes = raw % mostMinutes
                select Duration.FromNanoseconds(((BigInteger)minutes * NodaConstants.NanosecondsPerMinute) + nanoseconds)),
            (1, AnyLong().Select(n => Duration.FromNanoseconds(n))));
    }

    [FsCheck.Xunit.Property(MaxTest = 3_000)]
    public Property FormatDuration_AnyDuration_IsItsExactWholeMinutesRoundedTowardZero() =>
        Prop.ForAll(Arb.From(DurationGen()), duration =>
        {
            var actual = CalendarCommands.FormatDuration(duration);
            var expected = ModelFormat(duration);
            return (actual == expected).Label($"{duration.ToBigIntegerNanoseconds()} ns: {actual}, expected {expected}");
        });

    // 366 days less a nanosecond is 527,039 whole minutes; a double of its minutes is 527,040.
    [Theory]
    [InlineData(-1L, "8783h59m")]
    [InlineData(0L, "8784h")]
    [InlineData(1L, "8784h")]
    public void FormatDuration_ANanosecondShortOfAWholeMinuteOverMonths_IsTheMinuteBelow(long nanoseconds, string expected)
    {
        Assert.Equal(expected, CalendarCommands.FormatDuration(Duration.FromDays(366) + Duration.FromNanoseconds(nanoseconds)));
        Assert.Equal("-" + expected, CalendarCommands.FormatDuration(-(Duration.FromDays(366) + Duration.FromNanoseconds(nanoseconds))));
    }
}
