using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>`crm plan` and `crm calendar` no longer plan nothing, or shift dates, without a word (QA round 16, items 6, 7, 9 and 13).</summary>
public sealed class PlanQa16CommandTests
{
    private const string Customers = "samples/data/customers.csv";
    private const string Calendar = "samples/data/calendars/cn-standard.json";
    private const string Rules = "samples/data/rules/crm-rules.json";

    // /tmp/qa16/p/pol2.json
    private const string GoldOnly = """
        {
          "name": "gold-only",
          "dueOnHoliday": "next-working-day",
          "cadences": [ { "tiers": ["Gold"], "channel": "call", "every": "P1W", "purpose": "Weekly call" } ],
          "care": { "leadDays": 3, "birthdays": true, "holidays": ["Spring Festval"], "channel": "care-message" }
        }
        """;

    [Fact]
    public void Plan_MisspeltHolidayAndUnheldTier_WarnAtLineAndColumn()
    {
        using var dir = new TempDirectory();
        var policy = dir.File("pol2.json");
        File.WriteAllText(policy, GoldOnly);

        var run = Crm.Run("plan", "--customers", Customers, "--date", "2026-02-10", "--days", "30", "--policy", policy, "--calendar", Calendar, "--rules", Rules);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{policy}:5:60: warning: Holiday 'Spring Festval' is not in calendar 'cn-standard', so its care plans nothing; did you mean 'Spring Festival (春节)'?", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{policy}:4:29: warning: No customer has tier 'Gold', so this cadence plans nothing. The customers' tiers: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("高价值", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoTierSource_WarnsWithTheCountAndTheHint_InBothLanguages()
    {
        string[] args = ["plan", "--customers", Customers, "--date", "2026-03-16", "--days", "7", "--policy", "doc003", "--calendar", Calendar];

        var en = Crm.Run(args);
        var zh = Crm.Run([.. args, "--lang", "zh-Hans"]);
        var tiered = Crm.Run([.. args, "--rules", Rules]);

        Assert.True(en.ExitCode == 0, en.ToString());
        Assert.Contains("warning: 30 of 30 customer(s) have no tier, so they get no regular contact; give --rules FILE to tier them", en.Error, StringComparison.Ordinal);
        Assert.Contains("警告: 30 个客户中有 30 个没有客户等级，因此不会为他们生成定期联系计划；请用 --rules 指定规则文件为客户分级", zh.Error, StringComparison.Ordinal);
        Assert.True(tiered.ExitCode == 0, tiered.ToString());
        Assert.DoesNotContain("give --rules", tiered.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoCalendar_OneWarningThatHolidayCarePlansNothing()
    {
        var run = Crm.Run("plan", "--customers", Customers, "--date", "2026-03-16", "--rules", Rules);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("doc001: warning $.care.holidays: Calendar 'open-every-day' has no holidays, so the care for Spring Festival, ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n'), l => l.Contains("has no holidays", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("7")]
    [InlineData("30")]
    [InlineData("55")]
    public void Plan_SilentCustomer_ListedOverdueWhateverTheLookBack(string overdueDays)
    {
        // C202404007: last interaction 2025-10-20, silent care after P3M: due 2026-01-20, long before any of these look-backs; it
        // stays due until someone gets in touch, so it is listed as overdue whatever --overdue-days (it was dropped below 55).
        var run = Crm.Run(
            "plan", "--customers", Customers, "--date", "2026-03-16", "--days", "7", "--policy", "doc003", "--calendar", Calendar,
            "--overdue-days", overdueDays, "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var silent = JsonDocument.Parse(run.Out).RootElement.EnumerateArray()
            .Where(r => r.GetProperty("purpose").GetString()!.StartsWith("No interaction since 2025-10-20", StringComparison.Ordinal))
            .Select(r => $"{r.GetProperty("state").GetString()} {r.GetProperty("dueOn").GetString()} {r.GetProperty("customer").GetString()}")
            .ToArray();
        Assert.Equal(["overdue 2026-01-20 C202404007", "overdue 2026-01-20 C202410019", "overdue 2026-01-20 C202412024"], silent);
    }

    [Fact]
    public void Plan_DefaultLookBack_LapsingKindsStillBounded()
    {
        // The look-back still bounds the entries that lapse: with --overdue-days 0 nothing but silent care is overdue.
        var run = Crm.Run(
            "plan", "--customers", Customers, "--date", "2026-03-16", "--days", "7", "--policy", "doc003", "--calendar", Calendar,
            "--overdue-days", "0", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var overdue = JsonDocument.Parse(run.Out).RootElement.EnumerateArray().Where(r => r.GetProperty("state").GetString() == "overdue").ToArray();
        Assert.NotEmpty(overdue);
        Assert.All(overdue, r => Assert.StartsWith("No interaction since", r.GetProperty("purpose").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Chinese_PurposesInChinese()
    {
        var run = Crm.Run(
            "plan", "--customers", Customers, "--date", "2026-03-16", "--days", "7", "--overdue-days", "60", "--policy", "doc003", "--calendar", Calendar,
            "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("自 2025-10-20 起没有互动", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("No interaction since", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Contract ends on", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_PolicyKeyGivenTwice_FailsAtTheSecondKey()
    {
        using var dir = new TempDirectory();
        var policy = dir.File("dupkey.json");
        File.WriteAllText(policy, """
            {
              "name": "dupkey",
              "dueOnHoliday": "next-working-day",
              "cadences": [ { "tiers": ["高价值"], "channel": "call", "every": "P1W", "every": "P1Y", "purpose": "x" } ]
            }
            """);

        var run = Crm.Run("plan", "--customers", Customers, "--date", "2026-03-16", "--policy", policy, "--rules", Rules, "--lang", "zh-Hans");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{policy}:4:72: 错误 $.cadences[0].every: 同一对象中“every”出现了两次（第一次在 行:列 4:56）", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "dup2", "timeZone": "Asia/Shanghai", "week": { "monday": ["09:00-18:00"], "monday": ["10:00-11:00"] } }""", "1:85", "monday", "$.week.monday")]
    [InlineData("""{ "name": "a", "name": "b", "timeZone": "Asia/Shanghai", "week": { "monday": ["09:00-18:00"] } }""", "1:16", "name", "$.name")]
    public void CalendarBetween_KeyGivenTwice_FailsNamingFileLineAndColumn(string json, string at, string key, string path)
    {
        using var dir = new TempDirectory();
        var calendar = dir.File("dup.json");
        File.WriteAllText(calendar, json);

        var run = Crm.Run("calendar", "between", calendar, "--from", "2026-03-02T00:00", "--to", "2026-03-03T00:00");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains($"{calendar}:{at}: error {path}: '{key}' is given twice in this object", run.Error, StringComparison.Ordinal);
    }
}
