using System.Globalization;
using CrmCore.Calendars;
using CrmCore.Sla;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmCore.Tests.Sla;

/// <summary>
/// The SLA policy file's rules, one mistake at a time: each mistake gives exactly one problem, at its JSON path, with its English and
/// Simplified Chinese text; a target with a mistake is left out of its policy (so a corrected target for the same metric after it is
/// not reported again as a duplicate).
/// </summary>
public sealed class SlaPolicyJsonProblemTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    private const string ValidDefault = """{ "name": "d", "targets": [ { "metric": "Resolution", "within": "PT24H" } ] }""";

    private const string Statuses = "Pending, InProgress, WaitingForCustomer, Resolved, AwaitingRevisit, Closed, NoActionNeeded";

    private const string TargetKeys = "metric, within, workingDays, calendar, pausedIn, warnAtPercent, warnBefore";

    /// <summary>A set whose default policy has <paramref name="target"/> followed by a valid Resolution target.</summary>
    private static string WithTarget(string target) =>
        $$"""{ "name": "s", "default": { "name": "d", "targets": [ {{target}}, { "metric": "Resolution", "within": "PT4H" } ] } }""";

    /// <summary>A set with one rule <paramref name="policy"/> and a valid default.</summary>
    private static string WithPolicy(string policy) => $$"""{ "name": "s", "policies": [ {{policy}} ], "default": {{ValidDefault}} }""";

    private static LoadResult<SlaPolicySet> LoadValid(string json)
    {
        var result = SlaPolicyJson.Load(json);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Problems));
        return result;
    }

    private static SlaTarget OnlyDefaultTarget(string target) =>
        Assert.Single(LoadValid($$"""{ "name": "s", "default": { "name": "d", "targets": [ {{target}} ] } }""").Value!.Default.Targets);

    public static TheoryData<string, string, string, string> OneMistake() => new()
    {
        { "[]", "$", "An SLA policy set must be a JSON object.", "SLA 策略集必须是 JSON 对象。" },
        { $$"""{ "name": "s", "colour": 1, "default": {{ValidDefault}} }""", "$.colour",
            "Unknown property; expected one of: $schema, name, description, policies, default.", "未知属性；应为以下之一：$schema, name, description, policies, default。" },
        { $$"""{ "default": {{ValidDefault}} }""", "$", "The 'name' property is missing.", "缺少“name”属性。" },
        { """{ "name": "s" }""", "$.default", "The 'default' policy (an object) is required.", "必须提供“default”策略（一个对象）。" },
        { """{ "name": "s", "default": 3 }""", "$.default", "The 'default' policy (an object) is required.", "必须提供“default”策略（一个对象）。" },
        { """{ "name": "s", "default": { "name": "d" } }""", "$.default", "The 'targets' array is missing.", "缺少“targets”数组。" },
        { """{ "name": "s", "default": { "targets": [] } }""", "$.default", "The 'name' property is missing.", "缺少“name”属性。" },
        { """{ "name": "s", "default": { "name": "d", "when": {}, "targets": [] } }""", "$.default.when",
            "Unknown property; expected one of: name, targets.", "未知属性；应为以下之一：name, targets。" },
        { WithPolicy("""{ "name": "p", "colour": 1, "targets": [] }"""), "$.policies[0].colour",
            "Unknown property; expected one of: when, name, targets.", "未知属性；应为以下之一：when, name, targets。" },
        { WithPolicy("""{ "targets": [] }"""), "$.policies[0]", "The 'name' property is missing.", "缺少“name”属性。" },
        { WithPolicy("""{ "name": "p" }"""), "$.policies[0]", "The 'targets' array is missing.", "缺少“targets”数组。" },
        { WithTarget("""{ "metric": "Resolution", "within": "PT8H" }"""), "$.default.targets[1].metric",
            "The policy already has a target for Resolution.", "该策略已经有 Resolution 的目标。" },
        { WithTarget("""{ "metric": "Revisit", "within": "PT1H", "colour": 1 }"""), "$.default.targets[0].colour",
            $"Unknown property; expected one of: {TargetKeys}.", $"未知属性；应为以下之一：{TargetKeys}。" },
        { WithTarget("""{ "within": "PT1H" }"""), "$.default.targets[0]", "The 'metric' property is missing.", "缺少“metric”属性。" },
        { WithTarget("""{ "metric": "Resolution", "within": "PT1H", "calendar": "" }"""), "$.default.targets[0].calendar",
            "Expected a non-empty string.", "应为非空字符串。" },
        { WithTarget("""{ "metric": "Resolution", "within": "PT1H", "workingDays": 2 }"""), "$.default.targets[0]",
            "Give exactly one of 'within' (an ISO-8601 business duration) and 'workingDays'.", "“within”（ISO-8601 工作时长）和“workingDays”必须且只能给出一个。" },
        { WithTarget("""{ "metric": "Resolution" }"""), "$.default.targets[0]",
            "Give exactly one of 'within' (an ISO-8601 business duration) and 'workingDays'.", "“within”（ISO-8601 工作时长）和“workingDays”必须且只能给出一个。" },
        { WithTarget("""{ "metric": "Resolution", "within": "P1M" }"""), "$.default.targets[0].within",
            "Expected an ISO-8601 duration of days, hours, minutes or seconds such as \"PT4H\" or \"PT10M\".", "应为以天、小时、分钟或秒表示的 ISO-8601 时长，例如 \"PT4H\" 或 \"PT10M\"。" },
        { WithTarget("""{ "metric": "Resolution", "workingDays": -1 }"""), "$.default.targets[0].workingDays",
            "Expected a whole number of days from 0 to 3650.", "应为 0 到 3650 之间的整数天数。" },
        { WithTarget("""{ "metric": "Resolution", "workingDays": 1.5 }"""), "$.default.targets[0].workingDays",
            "Expected a whole number of days from 0 to 3650.", "应为 0 到 3650 之间的整数天数。" },
        { WithTarget("""{ "metric": "Resolution", "workingDays": 3651 }"""), "$.default.targets[0].workingDays",
            "Expected a whole number of days from 0 to 3650.", "应为 0 到 3650 之间的整数天数。" },
        { WithTarget("""{ "metric": "Resolution", "within": "PT1H", "pausedIn": ["Sleeping"] }"""), "$.default.targets[0].pausedIn",
            $"'Sleeping' is not a ticket status ({Statuses}).", $"“Sleeping”不是工单状态（{Statuses}）。" },
        { WithTarget("""{ "metric": "Resolution", "within": "PT1H", "pausedIn": ["waitingForCustomer"] }"""), "$.default.targets[0].pausedIn",
            $"'waitingForCustomer' is not a ticket status ({Statuses}).", $"“waitingForCustomer”不是工单状态（{Statuses}）。" },
        { WithTarget("""{ "metric": "Resolution", "within": "PT1H", "pausedIn": ["2"] }"""), "$.default.targets[0].pausedIn",
            $"'2' is not a ticket status ({Statuses}).", $"“2”不是工单状态（{Statuses}）。" },
        { WithTarget("""{ "metric": "Resolution", "within": "PT1H", "warnAtPercent": 50, "warnBefore": "PT10M" }"""), "$.default.targets[0]",
            "Give at most one of 'warnAtPercent' and 'warnBefore'.", "“warnAtPercent”和“warnBefore”最多只能给出一个。" },
        { WithTarget("""{ "metric": "Resolution", "within": "PT1H", "warnAtPercent": 100.5 }"""), "$.default.targets[0].warnAtPercent",
            "Expected a percentage from 0 to 100.", "应为 0 到 100 之间的百分比。" },
        { WithTarget("""{ "metric": "Resolution", "within": "PT1H", "warnAtPercent": -0.5 }"""), "$.default.targets[0].warnAtPercent",
            "Expected a percentage from 0 to 100.", "应为 0 到 100 之间的百分比。" },
        { WithTarget("""{ "metric": "Resolution", "within": "PT1H", "warnBefore": "PT0S" }"""), "$.default.targets[0].warnBefore",
            "The lead must be positive.", "提前量必须为正数。" },
        { WithPolicy("""{ "name": "p", "when": ["Urgent"], "targets": [] }"""), "$.policies[0].when",
            "Expected an object such as { \"urgency\": [\"Urgent\", \"Major\"] }.", "应为对象，例如 { \"urgency\": [\"Urgent\", \"Major\"] }。" },
        { WithPolicy("""{ "name": "p", "when": { "colour": ["red"] }, "targets": [] }"""), "$.policies[0].when.colour",
            "Unknown property; expected one of: urgency, type, channel, tier, anyTag.", "未知属性；应为以下之一：urgency, type, channel, tier, anyTag。" },
        { WithPolicy("""{ "name": "p", "when": { "urgency": ["urgent"] }, "targets": [] }"""), "$.policies[0].when.urgency",
            "'urgent' is not an urgency; use General, Urgent or Major.", "“urgent”不是紧急程度；请使用 General、Urgent 或 Major。" },
        { WithPolicy("""{ "name": "p", "when": { "urgency": ["1"] }, "targets": [] }"""), "$.policies[0].when.urgency",
            "'1' is not an urgency; use General, Urgent or Major.", "“1”不是紧急程度；请使用 General、Urgent 或 Major。" },
    };

    [Theory]
    [MemberData(nameof(OneMistake))]
    public void Load_OneMistake_OneProblemAtItsPathInEnglishAndChinese(string json, string path, string english, string chinese)
    {
        var result = SlaPolicyJson.Load(json);

        Assert.Null(result.Value);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Equal(english, problem.Message);
        Assert.Equal(chinese, problem.MessageIn(Zh));
    }

    [Fact]
    public void Load_Null_ThrowsArgumentNullException() =>
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => SlaPolicyJson.Load(null!)).ParamName);

    [Fact]
    public void Load_SchemaAndDescription_AreAccepted()
    {
        var set = LoadValid($$"""{ "$schema": "sla.schema.json", "name": "s", "description": "d", "default": {{ValidDefault}} }""").Value!;

        Assert.Equal("s", set.Name);
        Assert.Empty(set.Rules);
        Assert.Equal("d", set.Default.Name);
    }

    [Fact]
    public void Load_Target_CalendarGivenOrDefault()
    {
        Assert.Equal("support", OnlyDefaultTarget("""{ "metric": "Resolution", "within": "PT4H", "calendar": "support" }""").Calendar);
        Assert.Equal("default", OnlyDefaultTarget("""{ "metric": "Resolution", "within": "PT4H" }""").Calendar);
    }

    [Fact]
    public void Load_Target_WarningLeads()
    {
        Assert.Equal(0, OnlyDefaultTarget("""{ "metric": "Resolution", "within": "PT4H", "warnAtPercent": 0 }""").Warning.PercentUsed);
        Assert.Equal(100, OnlyDefaultTarget("""{ "metric": "Resolution", "within": "PT4H", "warnAtPercent": 100 }""").Warning.PercentUsed);
        Assert.Equal(Duration.FromMinutes(30), OnlyDefaultTarget("""{ "metric": "Resolution", "within": "PT4H", "warnBefore": "PT30M" }""").Warning.Before);
        Assert.Equal(default, OnlyDefaultTarget("""{ "metric": "Resolution", "within": "PT4H" }""").Warning);
    }

    // A policy file's percentage is what it wrote, to 15 significant digits, whatever the runtime's double-to-decimal cast does:
    // 80.1 % of 4 h is exactly 115,344,000,000 ticks, and 80.100000000000001 (the same double) reads as 80.1 too.
    [Theory]
    [InlineData("80.1")]
    [InlineData("80.100000000000001")]
    public void Load_Target_WarnAtPercent_IsReadAsItsDecimalOf15Digits(string written)
    {
        var warning = OnlyDefaultTarget($$"""{ "metric": "Resolution", "within": "PT4H", "warnAtPercent": {{written}} }""").Warning;

        Assert.Equal(80.1m, warning.Percent);
        Assert.Equal(115_344_000_000L, warning.WarningTicks(Duration.FromHours(4).BclCompatibleTicks));
    }

    [Fact]
    public void Load_Target_WorkingDaysAtTheBounds()
    {
        Assert.Equal(0, OnlyDefaultTarget("""{ "metric": "Revisit", "workingDays": 0 }""").WorkingDays);
        Assert.Equal(3650, OnlyDefaultTarget("""{ "metric": "Revisit", "workingDays": 3650 }""").WorkingDays);
    }

    [Fact]
    public void Load_Target_EveryStatusNameCanPause()
    {
        var names = string.Join(", ", Enum.GetNames<TicketStatus>().Select(n => $"\"{n}\""));
        var target = OnlyDefaultTarget($$"""{ "metric": "Resolution", "within": "PT4H", "pausedIn": [{{names}}] }""");

        Assert.Equal(Enum.GetValues<TicketStatus>().ToHashSet(), target.PausedIn.ToHashSet());
    }

    [Fact]
    public void Load_When_ReadsEveryCriterion()
    {
        var json = WithPolicy("""
            { "name": "p", "when": { "urgency": ["Urgent", "Major"], "type": ["Complaint"], "channel": ["Phone"], "tier": ["gold"], "anyTag": ["vip", "press"] },
              "targets": [] }
            """);

        var criteria = Assert.IsType<TicketCriteria>(Assert.Single(LoadValid(json).Value!.Rules).Condition);

        Assert.Equal([Urgency.Urgent, Urgency.Major], criteria.Urgencies.Order());
        Assert.Equal([TicketType.Complaint], criteria.Types);
        Assert.Equal([Channel.Phone], criteria.Channels);
        Assert.Equal(["gold"], criteria.Tiers);
        Assert.Equal(["press", "vip"], criteria.AnyTags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_NoWhen_MatchesEveryTicket()
    {
        var rule = Assert.Single(LoadValid(WithPolicy("""{ "name": "p", "targets": [] }""")).Value!.Rules);

        Assert.Equal(new TicketCriteria(), rule.Condition);
    }

    [Fact]
    public void WorkingDays_WholeNumbersFrom0To3650_AreTheOnlyOnesAccepted() =>
        Prop.ForAll(Gen.OneOf(Gen.Elements(-1, -0.5, 0, 0.5, 3649.5, 3650, 3650.5, 3651), Gen.Choose(-4000, 8000).Select(n => n / 2.0)).ToArbitrary(), days =>
        {
            var result = SlaPolicyJson.Load(WithTarget($$"""{ "metric": "Revisit", "workingDays": {{days.ToString(CultureInfo.InvariantCulture)}} }"""));
            var valid = days >= 0 && days <= 3650 && days == Math.Floor(days);
            if (valid)
            {
                return result.Success && result.Value.Default.Targets[0].WorkingDays == (int)days;
            }

            var problem = Assert.Single(result.Problems);
            return problem.Path == "$.default.targets[0].workingDays" && problem.Message == "Expected a whole number of days from 0 to 3650.";
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void WarnAtPercent_From0To100_IsTheWarningElseOneProblem() =>
        Prop.ForAll(Gen.OneOf(Gen.Elements(-0.1, 0, 0.1, 99.9, 100, 100.1), Gen.Choose(-2000, 3000).Select(n => n / 10.0)).ToArbitrary(), percent =>
        {
            var result = SlaPolicyJson.Load(WithTarget($$"""{ "metric": "Revisit", "within": "PT1H", "warnAtPercent": {{percent.ToString(CultureInfo.InvariantCulture)}} }"""));
            if (percent is >= 0 and <= 100)
            {
                return result.Success && result.Value.Default.Targets[0].Warning.PercentUsed == percent;
            }

            var problem = Assert.Single(result.Problems);
            return problem.Path == "$.default.targets[0].warnAtPercent" && problem.Message == "Expected a percentage from 0 to 100.";
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void SeedText_Documents001And003_OtherNumbersRefused()
    {
        Assert.Contains("\"doc-001\"", SlaPolicyJson.SeedText("001"), StringComparison.Ordinal);
        Assert.Equal(SlaPolicyJson.Document001.Name, SlaPolicyJson.Load(SlaPolicyJson.SeedText("001")).Value!.Name);

        var ex = Assert.Throws<ArgumentException>(() => SlaPolicyJson.SeedText("002"));
        Assert.Equal("document", ex.ParamName);
        Assert.StartsWith("Seed SLA policies exist for documents 001 and 003.", ex.Message, StringComparison.Ordinal);
    }
}
