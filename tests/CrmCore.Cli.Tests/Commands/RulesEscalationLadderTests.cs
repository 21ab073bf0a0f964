using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>Escalation rules name ladders: <c>crm</c> checks them against documents 001 and 003, or against <c>--escalation</c>.</summary>
public sealed class RulesEscalationLadderTests
{
    private const string Escalation = """
        [
          {
            "WorkflowName": "Escalation",
            "Rules": [
              { "RuleName": "Faults", "SuccessEvent": "Product issue path", "Properties": { "Ladder": "product-issue" }, "Expression": "ticket.Type == \"Fault\"" },
              { "RuleName": "Vip", "SuccessEvent": "Key account path", "Properties": { "Ladder": "vip-path" }, "Expression": "ticket.CustomerTier == \"A\"" }
            ]
          }
        ]
        """;

    private const string Policy = """
        { "name": "host", "ladders": [
          { "name": "vip-path", "steps": [ { "level": 1, "role": "Supervisor", "anchor": "Raised", "reason": "Key account." } ] },
          { "name": "product-issue", "steps": [ { "level": 1, "team": "TechnicalSupport", "anchor": "Raised", "reason": "Product issue." } ] } ] }
        """;

    [Fact]
    public void Validate_LadderOfNoKnownPolicy_Crm062_UnlessTheHostPolicyHasIt()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("escalation.json", Escalation);
        var policy = dir.Write("policy.json", Policy);

        var builtIn = Crm.Run("rules", "validate", rules);
        var zh = Crm.Run("rules", "validate", rules, "--lang", "zh-Hans");
        var host = Crm.Run("rules", "validate", rules, "--escalation", policy);

        Assert.Equal(1, builtIn.ExitCode);
        Assert.Contains("escalation.json:6:", builtIn.Out, StringComparison.Ordinal);
        Assert.Contains("error CRM062", builtIn.Out, StringComparison.Ordinal);
        Assert.Contains("`vip-path`", builtIn.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("`product-issue` is not", builtIn.Out, StringComparison.Ordinal);
        Assert.Contains("不是当前升级策略中的路径", zh.Out, StringComparison.Ordinal);
        Assert.True(host.ExitCode == 0, host.ToString());
    }

    [Fact]
    public void Validate_BadEscalationPolicy_NamesTheFileAndPlace()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("escalation.json", Escalation);
        var policy = dir.Write("policy.json", """{ "name": "host", "ladders": [ { "steps": [] } ] }""");

        var run = Crm.Run("rules", "validate", rules, "--escalation", policy);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("policy.json", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.ladders[0]", run.Error, StringComparison.Ordinal);
    }
}
