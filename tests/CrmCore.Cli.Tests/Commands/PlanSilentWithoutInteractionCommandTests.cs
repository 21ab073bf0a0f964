using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// `crm plan` (wave 18, plan18 item 1): a customer never contacted gets silent care from its first cooperation date plus the policy's
/// threshold; one with neither a last interaction nor a first cooperation date is warned about at its line of the file.
/// </summary>
public sealed class PlanSilentWithoutInteractionCommandTests
{
    private const string Calendar = "samples/data/calendars/cn-standard.json";

    private const string Customers =
        "Id,Name,Tier,AccountManager,FirstCooperation,LastInteraction,DoNotContact\n"
        + "C1,甲公司,潜力,王芳,2025-10-20,,false\n"
        + "C2,乙公司,潜力,李强,,,false\n"
        + "C3,丙公司,潜力,李强,2025-10-20,2026-03-01,false\n";

    [Fact]
    public void Plan_NeverContacted_SilentFromFirstCooperation_AndNoDateAtAllIsWarnedAboutAtItsLine()
    {
        using var dir = new TempDirectory();
        var customers = dir.Write("customers.csv", Customers);

        var run = Crm.Run("plan", "--customers", customers, "--date", "2026-03-16", "--policy", "doc003", "--calendar", Calendar, "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var silent = JsonDocument.Parse(run.Out).RootElement.EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "Care for a silent customer")
            .Select(r => $"{r.GetProperty("state").GetString()} {r.GetProperty("dueOn").GetString()} {r.GetProperty("customer").GetString()} {r.GetProperty("purpose").GetString()}")
            .ToArray();
        Assert.Equal(["overdue 2026-01-20 C1 No interaction recorded since the first contact on 2025-10-20"], silent);
        Assert.Contains(
            $"{customers}:3: warning: Customer C2 has no recorded interaction and no first-contact date, so whether it is silent cannot be told",
            run.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Customer C1 ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Customer C3 ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoDateAtAll_WarnsInChinese()
    {
        using var dir = new TempDirectory();
        var customers = dir.Write("customers.csv", Customers);

        var run = Crm.Run("plan", "--customers", customers, "--date", "2026-03-16", "--policy", "doc003", "--calendar", Calendar, "--lang", "zh-Hans", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{customers}:3: 警告: 客户 C2 没有任何互动记录，也没有首次接触（首次合作）日期", run.Error, StringComparison.Ordinal);
        Assert.Contains("自首次接触（2025-10-20）以来没有任何互动记录", run.Out, StringComparison.Ordinal);
    }
}
