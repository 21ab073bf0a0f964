using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>`crm plan --policy FILE`: every problem at file:line:col, a root that is not an object told wholly in Chinese (wave 17).</summary>
public sealed class PlanPolicyErrorsQa17CommandTests
{
    private const string Header = "Id,Name,Tier,AccountManager,FirstCooperation,LastInteraction,DoNotContact\n";

    [Fact]
    public void Plan_PolicyNotAnObject_ChineseMessageHasNoEnglishSubject()
    {
        using var dir = new TempDirectory();
        var customers = dir.File("customers.csv");
        File.WriteAllText(customers, Header + "C1,甲公司,A,王芳,2026-03-02,,false\n");
        var policy = dir.File("list.json");
        File.WriteAllText(policy, "\n[ \"call\" ]");

        var run = Crm.Run("plan", "--customers", customers, "--date", "2026-03-09", "--policy", policy, "--lang", "zh-Hans");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{policy}:2:1: 错误: 沟通策略必须是 JSON 对象。", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("contact policy", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Plan_BadPolicyValues_EachErrorNamesFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        var customers = dir.File("customers.csv");
        File.WriteAllText(customers, Header + "C1,甲公司,A,王芳,2026-03-02,,false\n");
        var policy = dir.File("policy.json");
        File.WriteAllText(policy, """
            {
              "name": "x",
              "cadences": [ { "tiers": ["A"], "channel": "pigeon", "every": "P1W", "purpose": "p" } ],
              "silentCare": { "after": "P3M" }
            }
            """);

        var run = Crm.Run("plan", "--customers", customers, "--date", "2026-03-09", "--policy", policy);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{policy}:3:46: error $.cadences[0].channel: 'pigeon' is not known; use one of: call, visit, email, sms, care-message, supervisor-call.", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{policy}:4:17: error $.silentCare: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain($"{policy}: error", run.Error, StringComparison.Ordinal);
    }
}
