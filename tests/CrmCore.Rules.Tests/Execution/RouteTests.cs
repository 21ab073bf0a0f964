using CrmCore.Rules.Facts;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Rules.Tests.Execution;

/// <summary><see cref="RuleSet.Route"/> runs only the Routing workflow and routes exactly as the full evaluation does.</summary>
public class RouteTests
{
    private static readonly RuleSet Pack = DefaultRulePack.Load().GetRuleSetOrThrow();

    [Property(MaxTest = 300)]
    public Property Route_RandomFacts_SameTargetAndSkillAsEvaluateTicket() => Prop.ForAll(Arbitraries.TicketInputs(), input =>
    {
        var facts = TicketFacts.From(input, TestFacts.Now);
        var full = Pack.EvaluateTicket(facts);
        var routed = Pack.Route(facts);

        Assert.Equal(full.RoutingTarget, routed.RoutingTarget);
        Assert.Equal(full.RoutingSkill, routed.RoutingSkill);
    });

    [Fact]
    public void Route_UrgentComplaint_EvaluatesNoPriorityOrEscalationRule()
    {
        var facts = TicketFacts.From(
            new TicketFactsInput { Type = TicketType.Complaint, Urgency = Urgency.Urgent, CustomerIndustry = "零售业", CustomerTier = "A" },
            TestFacts.Now);

        var full = Pack.EvaluateTicket(facts);
        var routed = Pack.Route(facts);

        Assert.NotEmpty(full.PriorityReasons);
        Assert.NotEmpty(full.Escalations);
        Assert.Equal("RetailGroup", routed.RoutingTarget);
        Assert.Empty(routed.PriorityReasons);
        Assert.Empty(routed.Escalations);
        Assert.All(routed.FiredRules, r => Assert.Equal(WorkflowKind.Routing, r.Kind));
    }
}
