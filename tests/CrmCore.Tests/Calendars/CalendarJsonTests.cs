using System.Text.Json;
using CrmCore.Calendars;
using NodaTime;

namespace CrmCore.Tests.Calendars;

public sealed class CalendarJsonTests
{
    [Fact]
    public void Load_SampleChinaCalendar_ImportsBothYears()
    {
        var result = CalendarJson.Load(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport);
        Assert.True(result.Success, string.Join("\n", result.Problems));
        var definition = result.Value.Definition;
        Assert.Equal("Asia/Shanghai", definition.TimeZoneId);
        Assert.Contains(definition.MakeUpDays, m => m.Date == new LocalDate(2025, 1, 26));
        Assert.Contains(definition.Holidays, h => h.Date == new LocalDate(2026, 2, 23) && h.Name == "Spring Festival (春节)");
        Assert.Equal(2, definition.Week[IsoDayOfWeek.Monday].Length);
        Assert.Empty(definition.Week[IsoDayOfWeek.Saturday]);
    }

    [Fact]
    public void Load_ManyMistakes_ReportsEveryProblemWithPath()
    {
        const string json = """
        {
          "name": "",
          "timeZone": "Mars/Olympus",
          "week": { "monday": ["09:00-12:00", "11:00-13:00"], "funday": [], "tuesday": ["9-5"] },
          "holidays": [ { "date": "2026-13-01" }, { "name": "no date" } ],
          "makeUpDays": "nope",
          "imports": [ { "source": "missing.json", "format": "chinese-days" }, { "source": "x", "format": "csv" } ],
          "colour": "blue"
        }
        """;
        var result = CalendarJson.Load(json, _ => null);
        Assert.False(result.Success);
        var paths = result.Problems.Select(p => p.Path).ToList();
        Assert.Contains("$.name", paths);
        Assert.Contains("$.timeZone", paths);
        Assert.Contains("$.week.monday", paths);
        Assert.Contains("$.week.funday", paths);
        Assert.Contains("$.week.tuesday[0]", paths);
        Assert.Contains("$.holidays[0].date", paths);
        Assert.Contains("$.holidays[1]", paths);
        Assert.Contains("$.makeUpDays", paths);
        Assert.Contains("$.imports[0].source", paths);
        Assert.Contains("$.imports[1].format", paths);
        Assert.Contains("$.colour", paths);
        Assert.Throws<CrmException>(() => result.GetValueOrThrow());
    }

    [Fact]
    public void Load_OverlappingSlots_NamesBothSlots()
    {
        const string json = """
        { "name": "x", "timeZone": "UTC", "week": { "monday": ["13:00-18:00", "08:00-10:00", "09:30-12:00"] } }
        """;
        var result = CalendarJson.Load(json);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("$.week.monday", problem.Path);
        Assert.Contains("08:00–10:00 and 09:30–12:00 overlap", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidJson_ReportsOneProblemAtRoot()
    {
        var result = CalendarJson.Load("{ nope");
        Assert.Equal("$", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void Load_PartialHolidayAndExplicitMakeUpHours_AppliesThem()
    {
        const string json = """
        {
          "name": "eve", "timeZone": "Europe/Berlin",
          "week": { "monday": ["08:00-16:00"], "friday": ["08:00-16:00"] },
          "makeUpDayHours": ["10:00-14:00"],
          "holidays": [ { "date": "2026-12-24", "name": "Christmas Eve", "openHours": ["08:00-12:00"] } ],
          "makeUpDays": [ { "date": "2026-12-26" }, { "date": "2026-12-27", "hours": ["09:00-10:00"] } ],
          "horizon": { "from": "2026-12-01", "to": "2027-01-31" }
        }
        """;
        var calendar = CalendarJson.Load(json).GetValueOrThrow();
        Assert.Equal("08:00–12:00", Assert.Single(calendar.HoursOn(new LocalDate(2026, 12, 24))).ToString());
        Assert.Equal("10:00–14:00", Assert.Single(calendar.HoursOn(new LocalDate(2026, 12, 26))).ToString());
        Assert.Equal("09:00–10:00", Assert.Single(calendar.HoursOn(new LocalDate(2026, 12, 27))).ToString());
        Assert.Equal(new LocalDate(2026, 12, 1), calendar.Definition.HorizonStart);
    }

    [Fact]
    public void Load_AlwaysOpen_BuildsA247Calendar()
    {
        var calendar = CalendarJson.Load("""{ "name": "ops", "timeZone": "Europe/Berlin", "alwaysOpen": true }""").GetValueOrThrow();
        Assert.True(calendar.IsAlwaysOpen);
    }

    [Fact]
    public void SchemaText_IsJsonSchemaNamingEveryTopLevelProperty()
    {
        using var doc = JsonDocument.Parse(CalendarJson.SchemaText);
        var properties = doc.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["$schema", "name", "timeZone", "alwaysOpen", "week", "makeUpDayHours", "holidays", "makeUpDays", "imports", "horizon", "holidayCoverage"], properties);
    }
}
