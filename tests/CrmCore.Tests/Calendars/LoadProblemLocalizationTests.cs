using System.Globalization;
using CrmCore.Calendars;
using CrmCore.Sla;
using NodaTime;

namespace CrmCore.Tests.Calendars;

public sealed class LoadProblemLocalizationTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public void CalendarProblems_HaveEnglishAndChineseTexts()
    {
        const string json = """
            { "name": "x", "timeZone": "Mars/Olympus", "week": { "monday": ["09:00-12:00", "11:00-13:00"], "tuesday": ["9h-17:00", "18:00-17:00"], "funday": [] },
              "holidays": [ { "date": "2026-10-01", "name": "a" }, { "date": "2026-10-01", "name": "b" } ] }
            """;
        var result = CalendarJson.Load(json);

        Assert.False(result.Success);
        var zone = Assert.Single(result.Problems, p => p.Path == "$.timeZone");
        Assert.Equal("'Mars/Olympus' is not an IANA time zone id (for example Asia/Shanghai).", zone.Message);
        Assert.Equal("“Mars/Olympus”不是 IANA 时区标识（例如 Asia/Shanghai）。", zone.MessageIn(Zh));
        Assert.Equal(zone.MessageZhHans, zone.MessageIn(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal(zone.Message, zone.MessageIn(CultureInfo.GetCultureInfo("zh-TW")));
        Assert.Equal(zone.Message, zone.MessageIn(CultureInfo.InvariantCulture));
        Assert.Equal("未知的星期名称；请使用 monday … sunday。", Assert.Single(result.Problems, p => p.Path == "$.week.funday").MessageIn(Zh));
        Assert.Contains(result.Problems, p => p.MessageIn(Zh) == "2026-10-01 被重复列出。");
        Assert.Equal("“9h”不是时刻（HH:mm 或 HH:mm:ss）。", Assert.Single(result.Problems, p => p.Path == "$.week.tuesday[0]").MessageIn(Zh));
        Assert.Equal("时段 18:00–17:00 的结束时间必须晚于开始时间。", Assert.Single(result.Problems, p => p.Path == "$.week.tuesday[1]").MessageIn(Zh));
        Assert.All(result.Problems, p => Assert.NotNull(p.MessageZhHans));
        Assert.All(result.Problems, p => Assert.NotEqual(p.Message, p.MessageZhHans));
    }

    [Fact]
    public void ImportedProblems_KeepTheirChineseTextUnderTheImportPath()
    {
        const string json = """
            { "name": "x", "timeZone": "Asia/Shanghai", "week": { "monday": ["09:00-18:00"] },
              "imports": [ { "format": "chinese-days", "source": "h.json" } ] }
            """;
        var result = CalendarJson.Load(json, _ => "{\"holidays\": {}}");

        var problem = Assert.Single(result.Problems);
        Assert.Contains("(h.json)", problem.Path, StringComparison.Ordinal);
        Assert.Equal("缺少“workdays”映射。", problem.MessageIn(Zh));
        Assert.Equal("The 'workdays' map is missing.", problem.Message);
    }

    [Fact]
    public void SlaPolicyProblems_HaveChineseTexts()
    {
        const string json = """
            { "name": "bad", "policies": [ { "name": "p1", "when": { "urgency": ["Critical"] },
              "targets": [ { "metric": "Revisit", "within": "PT24H", "workingDays": 2 },
                           { "metric": "FirstResponse", "within": "PT1H", "pausedIn": ["Sleeping"], "warnAtPercent": 150 } ] } ] }
            """;
        var result = SlaPolicyJson.Load(json);

        var zh = result.Problems.ToDictionary(p => p.Path, p => p.MessageIn(Zh));
        Assert.Equal("“within”（ISO-8601 工作时长）和“workingDays”必须且只能给出一个。", zh["$.policies[0].targets[0]"]);
        Assert.Equal("应为 0 到 100 之间的百分比。", zh["$.policies[0].targets[1].warnAtPercent"]);
        Assert.StartsWith("“Sleeping”不是工单状态（", zh["$.policies[0].targets[1].pausedIn"], StringComparison.Ordinal);
        Assert.Equal("“Critical”不是紧急程度；请使用 General、Urgent 或 Major。", zh["$.policies[0].when.urgency"]);
        Assert.Equal("必须提供“default”策略（一个对象）。", zh["$.default"]);
    }

    [Fact]
    public void HorizonError_IsLocalized()
    {
        var calendar = CalendarJson.Load("""{ "name": "c", "timeZone": "UTC", "week": { "monday": ["09:00-18:00"] }, "horizon": { "from": "2026-01-01", "to": "2026-12-31" } }""").Value!;

        var ex = Assert.Throws<CalendarHorizonException>(() => calendar.Add(Instant.FromUtc(2026, 12, 28, 10, 0), Duration.FromHours(40)));

        Assert.StartsWith("Calendar 'c' ends its horizon at ", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("日历“c”的计算范围止于 ", ex.LocalizedMessage(Zh), StringComparison.Ordinal);
        Assert.EndsWith("请扩展日历的计算范围（horizon）。", ex.LocalizedMessage(Zh), StringComparison.Ordinal);
    }
}
