using CrmCore.Rules.Facts;
using CrmCore.Rules.Reference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Rules.Tests;

/// <summary>The compiled path and RulesEngine's ExecuteAllRulesAsync agree on random facts for every shipped rule file.</summary>
public class DifferentialTests
{
    private static readonly RuleSet Doc001 = DefaultRulePack.Load().GetRuleSetOrThrow();
    private static readonly RuleSet Doc003 = DefaultRulePack.Load(useDoc003Tiering: true).GetRuleSetOrThrow();
    private static readonly RulesEngineReferenceEvaluator Ref001 = new(Doc001);
    private static readonly RulesEngineReferenceEvaluator Ref003 = new(Doc003);

    [Property(MaxTest = 150)]
    public Property EvaluateCustomer_RandomFacts_AgreesWithRulesEngine() => Prop.ForAll(Arbitraries.CustomerInputs(), input =>
    {
        var facts = TestFacts.Customer(input);
        AssertSame(Doc001.EvaluateCustomer(facts), Ref001.EvaluateCustomerAsync(facts).GetAwaiter().GetResult());
        AssertSame(Doc003.EvaluateCustomer(facts), Ref003.EvaluateCustomerAsync(facts).GetAwaiter().GetResult());
    });

    [Property(MaxTest = 150)]
    public Property EvaluateTicket_RandomFacts_AgreesWithRulesEngine() => Prop.ForAll(Arbitraries.TicketInputs(), input =>
    {
        var facts = TicketFacts.From(input, TestFacts.Now);
        var compiled = Doc001.EvaluateTicket(facts);
        var reference = Ref001.EvaluateTicketAsync(facts).GetAwaiter().GetResult();
        Assert.Equal(compiled.PriorityPoints, reference.PriorityPoints);
        Assert.Equal(compiled.PriorityReasons, reference.PriorityReasons);
        Assert.Equal(compiled.RoutingTarget, reference.RoutingTarget);
        Assert.Equal(compiled.RoutingSkill, reference.RoutingSkill);
        Assert.Equal(compiled.Escalations, reference.Escalations);
        Assert.Equal(compiled.FiredRules, reference.FiredRules);
        Assert.NotNull(compiled.RoutingTarget);
    });

    [Property(MaxTest = 300)]
    public Property Classify_RandomFacts_AgreesWithEvaluateCustomer() => Prop.ForAll(Arbitraries.CustomerInputs(), input =>
    {
        var facts = TestFacts.Customer(input);
        foreach (var set in new[] { Doc001, Doc003 })
        {
            var c = set.Classify(facts);
            var e = set.EvaluateCustomer(facts);
            Assert.Equal(e.Tier, set.TierOf(c));
            Assert.Equal(e.Tags, set.Tags.NamesOf(c.TagMask));
            Assert.NotNull(e.Tier);
        }
    });

    internal static void AssertSame(CustomerEvaluation compiled, CustomerEvaluation reference)
    {
        Assert.Equal(compiled.Tier, reference.Tier);
        Assert.Equal(compiled.Tags, reference.Tags);
        Assert.Equal(compiled.ChurnRiskPoints, reference.ChurnRiskPoints);
        Assert.Equal(compiled.ChurnRiskReasons, reference.ChurnRiskReasons);
        Assert.Equal(compiled.FiredRules, reference.FiredRules);
    }
}

/// <summary>The two paths agree on a file that uses every construct the sandbox allows (not only what the pack uses).</summary>
public class FeatureDifferentialTests
{
    private const string Json = """
        [
          {
            "WorkflowName": "Tiering.Features",
            "GlobalParams": [ { "Name": "big", "Expression": "300000" } ],
            "Rules": [
              { "RuleName": "Nested", "SuccessEvent": "N", "Operator": "OrElse", "Rules": [
                  { "RuleName": "BigAndTagged", "Operator": "And", "Rules": [
                      { "RuleName": "Big", "Expression": "customer.AnnualRevenue >= big" },
                      { "RuleName": "Vip", "Expression": "customer.Tags.Contains(\"VIP\")" } ] },
                  { "RuleName": "Chinese", "Expression": "customer.Tags.Any(t => t.StartsWith(\"高\")) AND customer.Industry == \"制造业\"" } ] },
              { "RuleName": "Csat", "SuccessEvent": "S", "Expression": "customer.CsatAverage != null && customer.CsatAverage.Value < 2.5" },
              { "RuleName": "Rest", "SuccessEvent": "R", "Expression": "true" }
            ]
          },
          {
            "WorkflowName": "Tagging.Features",
            "Rules": [
              { "RuleName": "Math", "SuccessEvent": "m", "Expression": "Math.Abs(customer.ComplaintsLast60Days - customer.ComplaintsPrev60Days) >= 3" },
              { "RuleName": "Strings", "SuccessEvent": "s", "Expression": "customer.Industry.ToUpper().Trim().EndsWith(\"ECH\") or string.IsNullOrEmpty(customer.Industry)" },
              { "RuleName": "Count", "SuccessEvent": "c", "Expression": "customer.Tags.Count() >= 2 && customer.Tags.All(t => t.Length <= 3)" },
              { "RuleName": "Iif", "SuccessEvent": "i", "LocalParams": [ { "Name": "n", "Expression": "iif(customer.DoNotContact, 1, 0)" } ], "Expression": "n + customer.UnresolvedComplaints > 2" },
              { "RuleName": "Nullable", "SuccessEvent": "n", "Expression": "customer.DaysToContractEnd <= 10 || customer.MonthsSinceFirstCooperation > 12" },
              { "RuleName": "Off", "SuccessEvent": "off", "Enabled": false, "Expression": "true" }
            ]
          },
          {
            "WorkflowName": "ChurnRisk.Features",
            "Rules": [
              { "RuleName": "Scaled", "SuccessEvent": "scaled", "Expression": "customer.ConsultationsLast60Days > 0",
                "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "customer.ConsultationsLast60Days * 2 + Math.Max(customer.AnnualRevenue / 100000, 1)" } } } },
              { "RuleName": "Fixed", "SuccessEvent": "fixed", "Properties": { "Points": 7.5 }, "Expression": "customer.Tags.Count > 0" }
            ]
          }
        ]
        """;

    private static readonly RuleSet Set = RuleLoader.Load("features.json", Json).GetRuleSetOrThrow();
    private static readonly RulesEngineReferenceEvaluator Reference = new(Set);

    [Property(MaxTest = 150)]
    public Property EvaluateCustomer_FeatureFile_AgreesWithRulesEngine() => Prop.ForAll(Arbitraries.CustomerInputs(), input =>
    {
        var facts = TestFacts.Customer(input);
        var compiled = Set.EvaluateCustomer(facts);
        DifferentialTests.AssertSame(compiled, Reference.EvaluateCustomerAsync(facts).GetAwaiter().GetResult());
        Assert.Equal(compiled.Tier, Set.TierOf(Set.Classify(facts)));
        Assert.DoesNotContain("off", compiled.Tags);
    });
}
