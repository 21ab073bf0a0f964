using System.Globalization;
using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Reference;
using NodaTime;

namespace CrmCore.Rules.Tests.Analyst;

/// <summary>Workflows run in the documented order and later ones see the tier computed in the same run.</summary>
public class ComputedTierTests
{
    // The tagging workflow comes first in the file: the run order is by kind, not by file position.
    private const string Rules = """
        [
          { "WorkflowName": "ChurnRisk", "Rules": [
            { "RuleName": "SilentA", "SuccessEvent": "A customer silent", "Properties": { "Points": 40, "ReasonZhHans": "A 类客户沉默" },
              "Expression": "customer.Tier == \"A\" && customer.DaysSinceLastInteraction > 90" } ] },
          { "WorkflowName": "Tagging", "Rules": [
            { "RuleName": "SilentA", "SuccessEvent": "a-silent", "Expression": "customer.Tier == \"A\" && customer.DaysSinceLastInteraction > 90" },
            { "RuleName": "WasC", "SuccessEvent": "was-c", "Expression": "customer.RecordedTier == \"C\"" } ] },
          { "WorkflowName": "Tiering", "Rules": [
            { "RuleName": "TierA", "SuccessEvent": "A", "Expression": "customer.AnnualRevenue >= 500000" },
            { "RuleName": "TierB", "SuccessEvent": "B", "Expression": "customer.AnnualRevenue >= 100000" } ] }
        ]
        """;

    private static readonly RuleSet Set = RuleLoader.Load("order.json", Rules).GetRuleSetOrThrow();

    private static CustomerFactsInput Input(decimal revenue, string recordedTier, int days) => new()
    {
        AnnualRevenue = revenue,
        Tier = recordedTier,
        LastInteractionAt = TestFacts.Now - Duration.FromDays(days),
    };

    [Fact]
    public void EvaluateCustomer_TieringMadeCustomerA_TaggingAndChurnRiskSeeA()
    {
        var evaluation = Set.EvaluateCustomer(TestFacts.Customer(Input(600_000, "C", 120)));

        Assert.Equal("A", evaluation.Tier);
        Assert.Equal(["a-silent", "was-c"], evaluation.Tags);
        Assert.Equal(40m, evaluation.ChurnRiskPoints);
        Assert.Equal(["Tiering", "Tagging", "Tagging", "ChurnRisk"], evaluation.FiredRules.Select(f => f.Workflow));
    }

    [Fact]
    public void EvaluateCustomer_RecordedAButTieringSaysB_TagDoesNotHold()
    {
        var evaluation = Set.EvaluateCustomer(TestFacts.Customer(Input(200_000, "A", 120)));

        Assert.Equal("B", evaluation.Tier);
        Assert.Empty(evaluation.Tags);
        Assert.Equal(0m, evaluation.ChurnRiskPoints);
    }

    [Fact]
    public void EvaluateCustomer_NoTieringRuleHeld_RecordedTierStands()
    {
        var evaluation = Set.EvaluateCustomer(TestFacts.Customer(Input(10, "A", 120)));

        Assert.Null(evaluation.Tier);
        Assert.Equal(["a-silent"], evaluation.Tags);
    }

    [Theory]
    [InlineData(600_000, "C", 120)]
    [InlineData(200_000, "A", 120)]
    [InlineData(10, "A", 120)]
    [InlineData(600_000, "A", 10)]
    public async Task AllPaths_ComputedTier_Agree(int revenue, string recorded, int days)
    {
        var input = Input(revenue, recorded, days);
        var facts = TestFacts.Customer(input);
        var evaluation = Set.EvaluateCustomer(facts);
        var reference = await new RulesEngineReferenceEvaluator(Set).EvaluateCustomerAsync(facts);
        var store = new CustomerStore(1);
        store.Add(input);
        var bulk = new BulkClassifier(Set);
        bulk.ClassifyAll(store, TestFacts.Now, TestFacts.Zone);

        Assert.Equal(reference.Tags, evaluation.Tags);
        Assert.Equal(reference.Tier, evaluation.Tier);
        Assert.Equal(reference.ChurnRiskPoints, evaluation.ChurnRiskPoints);
        Assert.Equal(Set.Classify(facts), store.GetClassification(0));
        Assert.Equal(evaluation.Tags, Set.Tags.Names.Where(t => (Set.Classify(facts).TagMask & MissingValueTests.Mask(Set, t)) != 0));
        Assert.True(bulk.IsColumnar, string.Join("; ", bulk.NotColumnarBecause));
    }

    [Fact]
    public void ExplainCustomer_ComputedTier_ShowsValueAndWhereItCameFrom()
    {
        var x = Set.ExplainCustomer(TestFacts.Customer(Input(600_000, "C", 120)));
        var tag = x.Rules.Single(r => r.Workflow == "Tagging" && r.Rule == "SilentA");

        Assert.True(tag.Held);
        Assert.Equal("Tier \"A\" (computed by Tiering › TierA) == \"A\"", tag.Clauses[0].Text);
        Assert.Equal("Tier \"A\"（由 Tiering › TierA 计算） == \"A\"", tag.Clauses[0].TextZhHans);
        var tier = Assert.Single(tag.Clauses[0].Facts);
        Assert.Equal(("customer.Tier", "A", "Tiering › TierA"), (tier.Name, tier.Value, tier.Source));
        Assert.Equal(["Tiering", "Tiering", "Tagging", "Tagging", "ChurnRisk"], x.Rules.Select(r => r.Workflow));
    }

    [Fact]
    public void ExplainCustomer_RecordedTierStands_SaysRecorded()
    {
        var tag = Set.ExplainCustomer(TestFacts.Customer(Input(10, "A", 120))).Rules.Single(r => r.Workflow == "Tagging" && r.Rule == "SilentA");

        Assert.Equal("Tier \"A\" (recorded; no tiering rule held) == \"A\"", tag.Clauses[0].Text);
        Assert.Equal("recorded", tag.Clauses[0].Facts[0].Source);
        Assert.Contains("（记录值", tag.Clauses[0].TextIn(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TicketWorkflowsInAnyFileOrder_RunPriorityRoutingEscalation()
    {
        const string json = """
            [
              { "WorkflowName": "Escalation", "Rules": [ { "RuleName": "E", "SuccessEvent": "e", "Properties": { "Ladder": "overdue" }, "Expression": "true" } ] },
              { "WorkflowName": "Routing", "Rules": [ { "RuleName": "R", "SuccessEvent": "desk", "Expression": "true" } ] },
              { "WorkflowName": "Priority", "Rules": [ { "RuleName": "P", "SuccessEvent": "p", "Properties": { "Points": 1 }, "Expression": "true" } ] }
            ]
            """;
        var set = RuleLoader.Load("t.json", json).GetRuleSetOrThrow();

        Assert.Equal(
            [WorkflowKind.Priority, WorkflowKind.Routing, WorkflowKind.Escalation],
            set.ExplainTicket(TicketFacts.From(new TicketFactsInput(), TestFacts.Now)).Rules.Select(r => r.Kind));
    }
}
