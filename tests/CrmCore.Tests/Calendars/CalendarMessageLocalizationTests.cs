using System.Globalization;
using CrmCore.Calendars;
using NodaTime;
using static CrmCore.Tests.Calendars.TestCalendars;

namespace CrmCore.Tests.Calendars;

/// <summary>Calendar problems and warnings speak English and zh-Hans in users' terms (QA round 16, item 13).</summary>
public sealed class CalendarMessageLocalizationTests
{
    private static readonly CultureInfo ZhHans = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public void Load_OverlappingSlots_BothLanguagesNameTheSlots()
    {
        // /tmp/qa16/c/bad1.json's Monday.
        const string json = """{ "name": "x", "timeZone": "Asia/Shanghai", "week": { "monday": ["09:00-12:00", "11:00-18:00"] } }""";

        var problem = Assert.Single(CalendarJson.Load(json).Problems);

        Assert.Equal("The opening slots 09:00–12:00 and 11:00–18:00 overlap; a day's slots must not overlap.", problem.Message);
        Assert.Equal("时段 09:00–12:00 与 11:00–18:00 重叠；同一天的时段不能重叠。", problem.MessageIn(ZhHans));
    }

    [Fact]
    public void Load_DateBothHolidayAndMakeUpDay_ProblemAtTheMakeUpDayInBothLanguages()
    {
        // /tmp/qa16/c/both.json: the message used to be the builder's English argument error, "(Parameter 'definition')" included.
        const string json = """
            {
              "name": "both",
              "timeZone": "Asia/Shanghai",
              "week": { "monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"] },
              "holidays": [ { "date": "2026-03-02", "name": "hol" } ],
              "makeUpDays": [ { "date": "2026-03-02", "name": "work" } ]
            }
            """;

        var problem = Assert.Single(CalendarJson.Load(json).Problems);

        Assert.Equal("$.makeUpDays[0].date", problem.Path);
        Assert.Equal("2026-03-02 is listed both as a holiday and as a make-up working day; keep it in one list only.", problem.Message);
        Assert.Equal("2026-03-02 同时列为节假日和调休上班日；请只保留在其中一个列表里。", problem.MessageIn(ZhHans));
    }

    [Fact]
    public void CoverageWarning_SaysWhatWasCalculated_NotWhichMethod()
    {
        var calendar = CalendarJson.Load(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport).GetValueOrThrow();
        var raised = new List<HolidayCoverageEventArgs>();
        calendar.HolidayCoverageExceeded += (_, e) => raised.Add(e);

        calendar.AddWorkingDays(Cn(2027, 2, 5, 10), 2);
        calendar.IsWorkingDay(new LocalDate(2027, 3, 1));

        Assert.Equal([nameof(BusinessCalendar.AddWorkingDays), nameof(BusinessCalendar.IsWorkingDay)], raised.Select(e => e.Operation).Distinct());
        foreach (var e in raised)
        {
            var en = e.Message(CultureInfo.InvariantCulture);
            var zh = e.Message(ZhHans);
            Assert.DoesNotContain(e.Operation, en, StringComparison.Ordinal);
            Assert.DoesNotContain(e.Operation, zh, StringComparison.Ordinal);
            Assert.Contains("this calculation reached " + e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), en, StringComparison.Ordinal);
            Assert.Contains("本次计算用到了 " + e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), zh, StringComparison.Ordinal);
        }
    }
}
