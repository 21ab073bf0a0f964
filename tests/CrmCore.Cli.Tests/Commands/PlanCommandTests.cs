using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

public sealed class PlanCommandTests
{
    private const string Customers =
        "Id,Name,Tier,AccountManager,FirstCooperation,DoNotContact\n" +
        "C1,上海某某制造有限公司,A,王芳,2026-03-02,false\n" +
        "C2,杭州某某科技有限公司,A,李强,2026-03-02,true\n" +
        "C3,苏州某某零售,C,,2026-03-05,false\n";

    [Fact]
    public void Plan_Document001_ListsOverdueThenDue_AndNothingForDoNotContact()
    {
        using var dir = new TempDirectory();
        var file = dir.File("customers.csv");
        File.WriteAllText(file, Customers);

        var run = Crm.Run("plan", "--customers", file, "--date", "2026-03-09", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = JsonDocument.Parse(run.Out).RootElement.EnumerateArray()
            .Select(r => $"{r.GetProperty("state").GetString()} {r.GetProperty("dueOn").GetString()} {r.GetProperty("customer").GetString()} {r.GetProperty("channel").GetString()}")
            .ToArray();
        Assert.Equal(
            ["overdue 2026-03-02 C1 Phone call", "overdue 2026-03-02 C1 Visit", "overdue 2026-03-05 C3 SMS", "due 2026-03-09 C1 Phone call"],
            rows);
        Assert.Contains("1 customer(s) asked not to be contacted", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Chinese_SummaryAndNamesInChinese_UpcomingDays()
    {
        using var dir = new TempDirectory();
        var file = dir.File("customers.csv");
        File.WriteAllText(file, Customers);

        var run = Crm.Run("plan", "--customers", file, "--date", "2026-03-09", "--days", "8", "--overdue-days", "0", "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("今日到期", run.Out, StringComparison.Ordinal);
        Assert.Contains("即将到期", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("已逾期 │", run.Out, StringComparison.Ordinal);
        Assert.Contains("2026-03-09 的沟通计划共 2 条：已逾期 0 条", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 个客户要求无需联系", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_BadPolicyFile_FailsNamingFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        var file = dir.File("customers.csv");
        File.WriteAllText(file, Customers);
        var policy = dir.File("policy.json");
        File.WriteAllText(policy, "{ \"name\": \"x\", \"cadences\": [ { \"tiers\": [\"A\"], \"channel\": \"pigeon\", \"every\": \"P1W\", \"purpose\": \"p\" } ] }");

        var run = Crm.Run("plan", "--customers", file, "--date", "2026-03-09", "--policy", policy);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"{policy}:1:59: error $.cadences[0].channel: 'pigeon' is not known", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_DaysOutOfRange_IsAUsageError()
    {
        var run = Crm.Run("plan", "--customers", "samples/data/customers.csv", "--date", "2026-03-09", "--days", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--days must be between 1 and 366, not 0.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SampleCustomers_Document003WithRulesAndCalendar_PlansMonthlyRevisits()
    {
        var run = Crm.Run(
            "plan", "--customers", "samples/data/customers.csv", "--date", "2026-03-16", "--policy", "doc003", "--rules", "samples/data/rules/crm-rules.json",
            "--calendar", "samples/data/calendars/cn-standard.json", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = JsonDocument.Parse(run.Out).RootElement.EnumerateArray().ToArray();
        Assert.Contains(rows, r => r.GetProperty("state").GetString() == "due" && r.GetProperty("purpose").GetString()!.Contains("每月回访", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.GetProperty("dueOn").GetString() is "2026-03-14" or "2026-03-15"); // a weekend: moved to Monday
    }
}
