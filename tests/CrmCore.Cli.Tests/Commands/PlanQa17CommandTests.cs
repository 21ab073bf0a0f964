using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>`crm plan`: silent care outside the calendar listed and warned about, not fatal (wave 17).</summary>
public sealed class PlanQa17CommandTests
{
    private const string Calendar = "samples/data/calendars/cn-standard.json";

    private const string Header = "Id,Name,Tier,AccountManager,FirstCooperation,LastInteraction,DoNotContact\n";

    [Fact]
    public void Plan_SilentSinceBeforeTheCalendar_ListedOverdueAndWarnedAbout()
    {
        // C2's silence began on 2023-08-10, before cn-standard's horizon (2024-01-01): the plan used to stop with a horizon error.
        using var dir = new TempDirectory();
        var customers = dir.File("customers.csv");
        File.WriteAllText(customers, Header + "C1,甲公司,高价值,王芳,2024-03-02,2026-02-20,false\nC2,乙公司,潜力,李强,2022-01-10,2023-05-10,false\n");

        var run = Crm.Run(
            "plan", "--customers", customers, "--date", "2026-03-16", "--policy", "doc003", "--calendar", Calendar, "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var silent = JsonDocument.Parse(run.Out).RootElement.EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "Care for a silent customer")
            .Select(r => $"{r.GetProperty("state").GetString()} {r.GetProperty("dueOn").GetString()} {r.GetProperty("customer").GetString()}")
            .ToArray();
        Assert.Equal(["overdue 2023-08-10 C2"], silent);
        Assert.Contains(
            $"{Calendar}: warning: Silent-customer care for C2 is due on 2023-08-10, outside calendar 'cn-standard' (2024-01-01 to 2030-12-31)",
            run.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SilentSinceBeforeTheHolidayData_WarnsInChinese()
    {
        // Silent from 2024-06-01: inside the horizon, before the calendar's holiday data (2025 and 2026).
        using var dir = new TempDirectory();
        var customers = dir.File("customers.csv");
        File.WriteAllText(customers, Header + "C2,乙公司,潜力,李强,2022-01-10,2024-03-01,false\n");

        var run = Crm.Run(
            "plan", "--customers", customers, "--date", "2026-03-16", "--policy", "doc003", "--calendar", Calendar, "--output", "json", "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(JsonDocument.Parse(run.Out).RootElement.EnumerateArray(), r => r.GetProperty("dueOn").GetString() == "2024-06-03");
        Assert.Contains($"{Calendar}: 警告: 日历“cn-standard”的节假日数据只覆盖 2025-01-01 至 2026-12-31；本次计算用到了 2024-06-01", run.Error, StringComparison.Ordinal);
    }
}
