using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Reference;
using NodaTime;

namespace CrmCore.Rules.Tests.Analyst;

/// <summary>A Shared workflow's GlobalParams are named values every workflow sees, validated like expressions.</summary>
public class SharedValuesTests
{
    private const string Shared = """
        [ { "WorkflowName": "Shared", "GlobalParams": [
              { "Name": "TierAThreshold", "Expression": "500000" },
              { "Name": "SilentDays", "Expression": "90" },
              { "Name": "TierBThreshold", "Expression": "TierAThreshold / 5" } ] } ]
        """;

    private const string UsesShared = """
        [
          { "WorkflowName": "Tiering", "Rules": [
            { "RuleName": "TierA", "SuccessEvent": "A", "Expression": "customer.AnnualRevenue >= TierAThreshold" },
            { "RuleName": "TierB", "SuccessEvent": "B", "Expression": "customer.AnnualRevenue >= TierBThreshold" } ] },
          { "WorkflowName": "Tagging", "Rules": [
            { "RuleName": "NearA", "SuccessEvent": "near-a", "Expression": "customer.Tier == \"B\" && customer.AnnualRevenue >= TierAThreshold * 4 / 5" },
            { "RuleName": "Silent", "SuccessEvent": "silent", "Expression": "customer.DaysSinceLastInteraction > SilentDays" } ] },
          { "WorkflowName": "Priority", "Rules": [
            { "RuleName": "Big", "SuccessEvent": "big", "Properties": { "Points": 5 }, "Expression": "ticket.ReopenCount * 100000 >= TierBThreshold" } ] }
        ]
        """;

    private static RuleLoadResult Load(string shared, string rules)
        => RuleLoader.Load([RuleSource.FromText("shared.json", shared), RuleSource.FromText("rules.json", rules)]);

    [Fact]
    public void Load_SharedThreshold_UsedByTieringTaggingAndPriority()
    {
        var set = Load(Shared, UsesShared).GetRuleSetOrThrow();
        var customer = TestFacts.Customer(new CustomerFactsInput { AnnualRevenue = 420_000, LastInteractionAt = TestFacts.Now - Duration.FromDays(91) });

        var evaluation = set.EvaluateCustomer(customer);

        Assert.Equal("B", evaluation.Tier);
        Assert.Equal(["near-a", "silent"], evaluation.Tags);
        Assert.Equal(5m, set.EvaluateTicket(TicketFacts.From(new TicketFactsInput { ReopenCount = 1 }, TestFacts.Now)).PriorityPoints);
    }

    [Fact]
    public void Load_ChangedSharedThreshold_ChangesEveryUse()
    {
        var set = Load(Shared.Replace("\"500000\"", "\"400000\"", StringComparison.Ordinal), UsesShared).GetRuleSetOrThrow();
        var evaluation = set.EvaluateCustomer(TestFacts.Customer(new CustomerFactsInput { AnnualRevenue = 420_000 }));

        Assert.Equal("A", evaluation.Tier);
        Assert.Empty(evaluation.Tags);
    }

    [Fact]
    public async Task Reference_SharedValues_RulesEngineAgrees()
    {
        var set = Load(Shared, UsesShared).GetRuleSetOrThrow();
        var customer = TestFacts.Customer(new CustomerFactsInput { AnnualRevenue = 420_000, LastInteractionAt = TestFacts.Now - Duration.FromDays(91) });

        var reference = await new RulesEngineReferenceEvaluator(set).EvaluateCustomerAsync(customer);

        Assert.Equal(reference.Tags, set.EvaluateCustomer(customer).Tags);
        Assert.Equal(reference.Tier, set.EvaluateCustomer(customer).Tier);
    }

    [Fact]
    public void Load_SharedValueReadsFact_ErrorWithPosition()
    {
        const string bad = """[ { "WorkflowName": "Shared", "GlobalParams": [ { "Name": "Big", "Expression": "2 * customer.AnnualRevenue" } ] } ]""";
        var result = Load(bad, UsesShared);

        var d = Assert.Single(result.Errors, e => e.Code == RuleDiagnosticCodes.SharedValueReadsFacts);
        Assert.Equal(4, d.ExpressionPosition);
        Assert.Contains("`Big`", d.Message, StringComparison.Ordinal);
        Assert.Equal("shared.json", d.File);
        Assert.Equal("共享值不能读取事实", RuleDiagnosticTitles.Get(d.Code, System.Globalization.CultureInfo.GetCultureInfo("zh-Hans")));
    }

    [Fact]
    public void Load_SharedValueDoesNotCompile_ErrorAndUsesReportNoCascade()
    {
        const string bad = """[ { "WorkflowName": "Shared", "GlobalParams": [ { "Name": "TierAThreshold", "Expression": "500000 +" } ] } ]""";
        var result = Load(bad, UsesShared);

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.File == "shared.json" && e.Code == RuleDiagnosticCodes.ExpressionError);
    }

    [Fact]
    public void Load_WorkflowParamShadowsSharedValue_DuplicateParameter()
    {
        const string rules = """[ { "WorkflowName": "Tagging", "GlobalParams": [ { "Name": "SilentDays", "Expression": "30" } ], "Rules": [ { "RuleName": "S", "SuccessEvent": "s", "Expression": "customer.DaysSinceLastInteraction > SilentDays" } ] } ]""";

        Assert.Contains(Load(Shared, rules).Errors, e => e.Code == RuleDiagnosticCodes.DuplicateParameter && e.WorkflowName == "Tagging");
    }

    [Fact]
    public async Task Schema_SharedWorkflow_ValidAndMisspelledKindNot()
    {
        var schema = await NJsonSchema.JsonSchema.FromJsonAsync(CrmCore.Rules.Schema.RuleFileSchema.Json);

        Assert.Empty(schema.Validate(Shared));
        Assert.NotEmpty(schema.Validate(Shared.Replace("\"Shared\"", "\"Shard\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Load_RuleInSharedWorkflow_Error()
    {
        const string bad = """[ { "WorkflowName": "Shared", "Rules": [ { "RuleName": "X", "SuccessEvent": "x", "Expression": "true" } ] } ]""";

        Assert.Contains(Load(bad, UsesShared).Errors, e => e.Code == RuleDiagnosticCodes.ConventionViolation && e.RuleName == "X");
    }
}
