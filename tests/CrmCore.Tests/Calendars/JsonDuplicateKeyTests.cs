using System.Globalization;
using CrmCore.Calendars;
using CrmCore.Relationships;

namespace CrmCore.Tests.Calendars;

/// <summary>A key given twice in one object of a calendar or contact policy is refused at its line:col (QA round 16, item 7).</summary>
public sealed class JsonDuplicateKeyTests
{
    [Fact]
    public void CalendarLoad_DayGivenTwice_RefusedAtTheSecondKey()
    {
        // /tmp/qa16/c/dup2.json: the second "monday" used to win silently (1h between Monday 00:00 and Tuesday 00:00).
        const string json = "{\n  \"name\": \"dup2\",\n  \"timeZone\": \"Asia/Shanghai\",\n  \"week\": { \"monday\": [\"09:00-18:00\"], \"monday\": [\"10:00-11:00\"] }\n}";

        var result = CalendarJson.Load(json);

        Assert.False(result.Success);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("$.week.monday", problem.Path);
        Assert.Equal((4, 40), (problem.Line, problem.Column));
        Assert.Equal("'monday' is given twice in this object (first at line:col 4:13); a later value would silently replace the earlier one, so keep only one.", problem.Message);
        Assert.Equal("同一对象中“monday”出现了两次（第一次在 行:列 4:13）；后一个值会悄悄覆盖前一个，请只保留一个。", problem.MessageIn(CultureInfo.GetCultureInfo("zh-Hans")));
    }

    [Fact]
    public void CalendarLoad_RootKeysGivenTwice_EachRefused()
    {
        // /tmp/qa16/c/dup3.json: "name" and "timeZone" twice; the London zone used to win.
        const string json = """{ "name": "a", "name": "b", "timeZone": "Asia/Shanghai", "timeZone": "Europe/London", "week": { "monday": ["09:00-18:00"] } }""";

        var result = CalendarJson.Load(json);

        Assert.False(result.Success);
        Assert.Equal([("$.name", 1, 16), ("$.timeZone", 1, 58)], result.Problems.Select(p => (p.Path, p.Line, p.Column)));
    }

    [Fact]
    public void CalendarLoad_SameKeyInSiblingObjects_IsFine()
    {
        const string json = """
            { "name": "ok", "timeZone": "Asia/Shanghai", "week": { "monday": ["09:00-18:00"] },
              "holidays": [ { "date": "2026-03-03", "name": "a" }, { "date": "2026-03-04", "name": "b" } ] }
            """;

        Assert.True(CalendarJson.Load(json).Success);
    }

    [Fact]
    public void PolicyLoad_EveryGivenTwice_Refused()
    {
        // /tmp/qa16/p/dupkey.json: "every":"P1W","every":"P1Y" used P1Y silently.
        const string json = """
            {
              "name": "dupkey",
              "dueOnHoliday": "next-working-day",
              "cadences": [ { "tiers": ["高价值"], "channel": "call", "every": "P1W", "every": "P1Y", "purpose": "x" } ]
            }
            """;

        var result = ContactPolicyJson.Load(json);

        Assert.False(result.Success);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("$.cadences[0].every", problem.Path);
        Assert.Equal((4, 72), (problem.Line, problem.Column));
        Assert.Contains("'every' is given twice", problem.Message, StringComparison.Ordinal);
        Assert.Contains("4:56", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Positions_GivesEveryValueByItsLoaderPath()
    {
        const string json = "{\n \"care\": { \"holidays\": [\"a\", \"b\"] },\n \"x\": 1\n}";

        var positions = JsonFields.Positions(json);

        Assert.Equal((1, 1), positions["$"]);
        Assert.Equal((2, 10), positions["$.care"]);
        Assert.Equal((2, 30), positions["$.care.holidays[1]"]);
        Assert.Equal((3, 7), positions["$.x"]);
    }
}
