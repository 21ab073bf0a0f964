using System.Globalization;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Tests.RuleFiles;

/// <summary>Rules that can never give a result are warned about (QA 16 item 5): CRM070, CRM071, CRM072.</summary>
public sealed class RuleReachabilityTests
{
    /// <summary>
    /// /tmp/qa16/r/never.json of the QA report, as the loader judges it: this test's own copy (what <c>crm rules validate</c> prints is
    /// <c>RulesValidateReachabilityTests</c> in CrmCore.Cli.Tests, with a file of its own). Its contract, which
    /// <see cref="Load_NeverJson_WarnsAboutEveryRuleThatCannotGiveAResult_WithPlaces"/> asserts rule by rule: three Tagging rules
    /// that can never hold, each for another reason (CRM070: two bounds on one fact that exclude each other, the literal false, a
    /// count compared below its range), and a Tiering rule after a catch-all (CRM071). The guards that a rule that can hold is not
    /// warned about are <see cref="Load_ConditionThatCanHold_HasNoCrm070"/>.
    /// </summary>
    private const string Never = """
        [
          {
            "WorkflowName": "Tagging",
            "Rules": [
              { "RuleName": "Contradiction", "SuccessEvent": "never1", "Expression": "customer.AnnualRevenue > 100 && customer.AnnualRevenue < 50" },
              { "RuleName": "FalseLit", "SuccessEvent": "never2", "Expression": "false" },
              { "RuleName": "NegativeEmployees", "SuccessEvent": "never3", "Expression": "customer.Employees < 0" }
            ]
          },
          {
            "WorkflowName": "Tiering",
            "Rules": [
              { "RuleName": "All", "SuccessEvent": "A", "Expression": "true" },
              { "RuleName": "Shadowed", "SuccessEvent": "B", "Expression": "customer.AnnualRevenue > 0" }
            ]
          }
        ]
        """;

    [Fact]
    public void Load_NeverJson_WarnsAboutEveryRuleThatCannotGiveAResult_WithPlaces()
    {
        var result = RuleLoader.Load("never.json", Never);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var never = result.Diagnostics.Where(d => d.Code == RuleDiagnosticCodes.RuleNeverHolds).ToList();
        Assert.Equal(["Contradiction", "FalseLit", "NegativeEmployees"], never.Select(d => d.RuleName));
        Assert.All(never, d => Assert.Equal(RuleSeverity.Warning, d.Severity));
        Assert.Equal([(5, 78), (6, 73), (7, 82)], never.Select(d => (d.Line, d.Column)));
        Assert.Contains("`customer.AnnualRevenue`", never[0].Message, StringComparison.Ordinal);
        Assert.Contains("没有任何值能同时满足", never[0].MessageZhHans, StringComparison.Ordinal);
        Assert.Contains("literal `false`", never[1].Message, StringComparison.Ordinal);
        Assert.Equal("This rule can never hold: `customer.Employees` is never below 0, so `< 0` is never met.", never[2].Message);
        var shadowed = Assert.Single(result.Diagnostics, d => d.Code == RuleDiagnosticCodes.RuleShadowed);
        Assert.Equal(("Tiering", "Shadowed", 14, 7), (shadowed.WorkflowName, shadowed.RuleName, shadowed.Line, shadowed.Column));
        Assert.Contains("`All`", shadowed.Message, StringComparison.Ordinal);
        Assert.Contains("`All`", shadowed.MessageZhHans, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customer.AnnualRevenue > 100 && customer.AnnualRevenue < 50")]
    [InlineData("customer.AnnualRevenue >= 100 && customer.AnnualRevenue < 100")]
    [InlineData("customer.OpenTicketCount > 3 && customer.OpenTicketCount < 4")]
    [InlineData("customer.OpenTicketCount == 3 && customer.OpenTicketCount == 4")]
    [InlineData("50 > customer.AnnualRevenue && customer.AnnualRevenue > 100")]
    [InlineData("customer.Industry == \"制造业\" && customer.Industry == \"零售业\"")]
    [InlineData("customer.DaysSinceLastInteraction > 90 && customer.Tier == \"A\" && customer.DaysSinceLastInteraction <= 30")]
    [InlineData("customer.DaysSinceLastInteraction < 0")]
    [InlineData("customer.Tags.Count < 0")]
    [InlineData("customer.AnnualRevenue > 1 && false")]
    public void Load_ConditionThatCanNeverHold_IsCrm070(string expression)
    {
        var result = RuleLoader.Load("r.json", TestFacts.Workflow("Tagging", ("R", expression, "t")));

        var d = Assert.Single(result.Diagnostics, d => d.Code == RuleDiagnosticCodes.RuleNeverHolds);
        Assert.Equal("R", d.RuleName);
    }

    [Theory]
    [InlineData("customer.AnnualRevenue > 100 && customer.AnnualRevenue < 150")]
    [InlineData("customer.AnnualRevenue >= 100 && customer.AnnualRevenue <= 100")]
    [InlineData("customer.AnnualRevenue > 100 || customer.AnnualRevenue < 50")]
    [InlineData("customer.OpenTicketCount > 3 && customer.OpenTicketCount < 5")]
    [InlineData("customer.Industry == \"制造业\" && customer.Region == \"华东\"")]
    [InlineData("customer.DaysSinceLastInteraction <= 0")]
    [InlineData("customer.DaysToContractEnd < 0")]
    [InlineData("!(customer.AnnualRevenue > 100 && customer.AnnualRevenue < 50)")]
    [InlineData("true")]
    public void Load_ConditionThatCanHold_HasNoCrm070(string expression)
    {
        var result = RuleLoader.Load("r.json", TestFacts.Workflow("Tagging", ("R", expression, "t")));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == RuleDiagnosticCodes.RuleNeverHolds);
    }

    [Theory]
    [InlineData("customer.OpenTicketCount < 1e29")]
    [InlineData("customer.OpenTicketCount > -1e30")]
    [InlineData("customer.OpenTicketCount < 1e29 && customer.DaysSinceLastInteraction > -1e30")]
    [InlineData("customer.OpenTicketCount > 1e300 && customer.OpenTicketCount < 1")]
    public void Load_NumberBeyondDecimalRange_IsNotJudged_RuleLoadsWithNoCrm070(string expression)
    {
        var result = RuleLoader.Load("r.json", TestFacts.Workflow("Tagging", ("R", expression, "t")));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == RuleDiagnosticCodes.RuleNeverHolds);
    }

    [Fact]
    public void Messages_NewCodesInChinese_DoNotRepeatTheirTitle()
    {
        const string json = """
            [
              { "WorkflowName": "Tagging", "Rules": [ { "RuleName": "F", "SuccessEvent": "x", "Expression": "false" },
                                                      { "RuleName": "C", "SuccessEvent": "y", "Expression": "customer.AnnualRevenue > 100 && customer.AnnualRevenue < 50" },
                                                      { "RuleName": "T", "SuccessEvent": "z", "Expression": "customer.Industry == \"a\" && customer.Industry == \"b\"" } ] },
              { "WorkflowName": "Tiering", "Rules": [ { "RuleName": "All", "SuccessEvent": "A", "Expression": "true" },
                                                      { "RuleName": "Late", "SuccessEvent": "B", "Expression": "customer.AnnualRevenue > 0" } ] },
              { "WorkflowName": "Routing", "Rules": [ { "RuleName": "Off", "SuccessEvent": "GeneralServiceGroup", "Enabled": false, "Expression": "true" } ] }
            ]
            """;
        var zh = CultureInfo.GetCultureInfo("zh-Hans");

        var found = RuleLoader.Load("r.json", json).Diagnostics
            .Where(d => d.Code is RuleDiagnosticCodes.RuleNeverHolds or RuleDiagnosticCodes.RuleShadowed or RuleDiagnosticCodes.WorkflowAllDisabled).ToList();

        Assert.Equal(5, found.Count);
        foreach (var d in found)
        {
            var title = RuleDiagnosticTitles.Get(d.Code, zh);
            var message = RuleDiagnosticMessages.Get(d, zh);
            Assert.DoesNotContain(title, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_CatchAllInEveryMatchWorkflow_ShadowsNothing()
    {
        var result = RuleLoader.Load("r.json", TestFacts.Workflow("Tagging", ("All", "true", "a"), ("Big", "customer.AnnualRevenue > 10", "b")));

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == RuleDiagnosticCodes.RuleShadowed);
    }

    [Fact]
    public void Load_RoutingRulesAfterCatchAll_AreEachCrm071_AndDisabledOnesAreNot()
    {
        const string json = """
            [ { "WorkflowName": "Routing", "Rules": [
                { "RuleName": "Faults", "SuccessEvent": "TechnicalSupport", "Expression": "ticket.Type == \"Fault\"" },
                { "RuleName": "Else", "SuccessEvent": "GeneralServiceGroup", "Expression": "true" },
                { "RuleName": "Late1", "SuccessEvent": "X", "Expression": "ticket.Type == \"Complaint\"" },
                { "RuleName": "Off", "SuccessEvent": "Y", "Enabled": false, "Expression": "ticket.Type == \"Complaint\"" },
                { "RuleName": "Late2", "SuccessEvent": "Z", "Expression": "true" } ] } ]
            """;

        var shadowed = RuleLoader.Load("routing.json", json).Diagnostics.Where(d => d.Code == RuleDiagnosticCodes.RuleShadowed).ToList();

        Assert.Equal(["Late1", "Late2"], shadowed.Select(d => d.RuleName));
        Assert.All(shadowed, d => Assert.Contains("`Else`", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WorkflowWithEveryRuleDisabled_IsCrm072AtTheWorkflow()
    {
        const string json = """
            [
              { "WorkflowName": "Tiering", "Rules": [ { "RuleName": "Big", "SuccessEvent": "A", "Enabled": false, "Expression": "customer.AnnualRevenue >= 1" } ] },
              { "WorkflowName": "Tagging", "Rules": [ { "RuleName": "On", "SuccessEvent": "x", "Expression": "customer.AnnualRevenue >= 1" },
                                                      { "RuleName": "Off", "SuccessEvent": "y", "Enabled": false, "Expression": "customer.AnnualRevenue >= 1" } ] }
            ]
            """;

        var result = RuleLoader.Load("disabled.json", json);

        var d = Assert.Single(result.Diagnostics, d => d.Code == RuleDiagnosticCodes.WorkflowAllDisabled);
        Assert.Equal(("Tiering", (string?)null, 2, 3, RuleSeverity.Warning), (d.WorkflowName, d.RuleName, d.Line, d.Column, d.Severity));
        Assert.Contains("永远不会给出结果", RuleDiagnosticMessages.Get(d, CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public void Titles_NewCodes_HaveBothLanguages()
    {
        foreach (var code in new[] { RuleDiagnosticCodes.RuleNeverHolds, RuleDiagnosticCodes.RuleShadowed, RuleDiagnosticCodes.WorkflowAllDisabled })
        {
            Assert.NotEqual(code, RuleDiagnosticTitles.Get(code, CultureInfo.InvariantCulture));
            Assert.NotEqual(RuleDiagnosticTitles.Get(code, CultureInfo.InvariantCulture), RuleDiagnosticTitles.Get(code, CultureInfo.GetCultureInfo("zh-Hans")));
        }
    }

    [Fact]
    public void DefaultPack_HasNoReachabilityWarnings()
    {
        var result = DefaultRulePack.Load();

        Assert.DoesNotContain(result.Diagnostics, d => d.Code is RuleDiagnosticCodes.RuleNeverHolds or RuleDiagnosticCodes.RuleShadowed or RuleDiagnosticCodes.WorkflowAllDisabled);
    }
}
