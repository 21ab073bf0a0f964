using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Tests.Calendars;

public sealed class HolidayReaderTests
{
    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    public void IcsHolidayReader_OfficialSchedule_MatchesChineseDaysJson(int year)
    {
        var ics = IcsHolidayReader.Read(RepoPaths.ReadCalendarData($"cn-holidays/{year}.ics"));
        var json = ChineseDaysHolidayReader.Read(RepoPaths.ReadCalendarData($"cn-holidays/{year}.json"));
        Assert.True(ics.Success, string.Join("\n", ics.Problems));
        Assert.True(json.Success, string.Join("\n", json.Problems));
        Assert.Equal(json.Holidays.Select(h => h.Date), ics.Holidays.Select(h => h.Date));
        Assert.Equal(json.MakeUpDays.Select(h => h.Date), ics.MakeUpDays.Select(h => h.Date));
    }

    [Fact]
    public void IcsHolidayReader_2026_TellsDaysOffFromWorkedSaturdays()
    {
        var result = IcsHolidayReader.Read(RepoPaths.ReadCalendarData("cn-holidays/2026.ics"));
        var springFestival = result.Holidays.Where(h => h.Name == "春节").Select(h => h.Date).ToList();
        Assert.Equal(Enumerable.Range(15, 9).Select(d => new LocalDate(2026, 2, d)), springFestival);
        Assert.Contains(result.MakeUpDays, m => m.Date == new LocalDate(2026, 2, 14));
        Assert.Contains(result.MakeUpDays, m => m.Date == new LocalDate(2026, 2, 28));
        Assert.DoesNotContain(result.Holidays, h => h.Date == new LocalDate(2026, 2, 14));
    }

    [Fact]
    public void IcsHolidayReader_SummaryMarkersWithoutAppleProperty_AreUnderstood()
    {
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n" +
            "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270208\r\nSUMMARY:春节(休)\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20270131\r\nDTEND;VALUE=DATE:20270201\r\nSUMMARY:春节(班)\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20270301T100000Z\r\nSUMMARY:meeting\r\nEND:VEVENT\r\n" +
            "END:VCALENDAR\r\n";
        var result = IcsHolidayReader.Read(ics);
        Assert.Equal([new LocalDate(2027, 2, 6), new LocalDate(2027, 2, 7)], result.Holidays.Select(h => h.Date));
        Assert.Equal(new LocalDate(2027, 1, 31), Assert.Single(result.MakeUpDays).Date);
        Assert.StartsWith("VEVENT #3", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void ChineseDaysHolidayReader_BadDates_ListsEachWithPath()
    {
        var result = ChineseDaysHolidayReader.Read("""{ "holidays": { "2026-02-30": "x", "2026-02-16": "Spring Festival,春节,4" }, "workdays": { "soon": "y" } }""");
        Assert.Equal(["$.holidays['2026-02-30']", "$.workdays['soon']"], result.Problems.Select(p => p.Path));
        Assert.Equal("Spring Festival (春节)", Assert.Single(result.Holidays).Name);
    }
}
