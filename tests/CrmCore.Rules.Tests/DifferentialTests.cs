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

    private static void AssertSame(CustomerEvaluation compiled, CustomerEvaluation reference)
    {
        Assert.Equal(compiled.Tier, reference.Tier);
        Assert.Equal(compiled.Tags, reference.Tags);
        Assert.Equal(compiled.ChurnRiskPoints, reference.ChurnRiskPoints);
        Assert.Equal(compiled.ChurnRiskReasons, reference.ChurnRiskReasons);
        Assert.Equal(compiled.FiredRules, reference.FiredRules);
    }
}
