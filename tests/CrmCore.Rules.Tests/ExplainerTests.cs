using System.Globalization;
using CrmCore.Rules.Explain;
using CrmCore.Rules.Facts;

namespace CrmCore.Rules.Tests;

public class ExplainerTests
{
    private static readonly RuleSet Pack = DefaultRulePack.Load().GetRuleSetOrThrow();

    [Fact]
    public void ExplainCustomer_TierA_ShowsFactValueAndSkipsLaterTiers()
    {
        var x = Pack.ExplainCustomer(TestFacts.Customer(620000));

        var tierA = x.Rules.Single(r => r.Rule == "TierA");
        Assert.True(tierA.Held);
        var clause = Assert.Single(tierA.Clauses);
        Assert.Equal("AnnualRevenue 620000 >= 500000", clause.Text);
        Assert.True(clause.Value);
        Assert.Equal([new FactValue("customer.AnnualRevenue", "620000")], clause.Facts);
        Assert.All(x.Rules.Where(r => r.Workflow == "Tiering" && r.Rule != "TierA"), r => Assert.False(r.Evaluated));
        Assert.Contains("Tiering › TierA (A): held\n  AnnualRevenue 620000 >= 500000 is true", x.ToText(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainCustomer_AndClauses_EachClauseWithItsValue()
    {
        var facts = TestFacts.Customer(new CustomerFactsInput { AnnualRevenue = 1, LastInteractionAt = TestFacts.Now - NodaTime.Duration.FromDays(200) });
        var silent = Pack.ExplainCustomer(facts).Rules.Single(r => r.Rule == "Silent");

        Assert.False(silent.Held);
        Assert.Equal(2, silent.Clauses.Count);
        Assert.Equal("DaysSinceLastInteraction 200 > 90", silent.Clauses[0].Text);
        Assert.True(silent.Clauses[0].Value);
        Assert.Equal("DaysSinceLastInteraction 200 <= 180", silent.Clauses[1].Text);
        Assert.False(silent.Clauses[1].Value);
    }

    [Fact]
    public void ToText_ZhHans_ChineseLabels()
    {
        var text = Pack.ExplainCustomer(TestFacts.Customer(620000)).ToText(CultureInfo.GetCultureInfo("zh-Hans"));

        Assert.Contains("成立", text, StringComparison.Ordinal);
        Assert.Contains("为真", text, StringComparison.Ordinal);
        Assert.Contains("未评估", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainTicket_HeldMatchesEvaluation()
    {
        var t = TicketFacts.From(new TicketFactsInput { Type = CrmCore.Tickets.TicketType.Complaint, CustomerTier = "A", RaisedAt = TestFacts.Now }, TestFacts.Now);
        var x = Pack.ExplainTicket(t);
        var fired = Pack.EvaluateTicket(t).FiredRules.Select(f => f.Rule).ToList();

        Assert.Equal(fired, x.Rules.Where(r => r.Held).Select(r => r.Rule));
    }

    [Fact]
    public void Get_UnknownLabel_Throws() => Assert.Throws<ArgumentException>(() => ExplainLabels.Get("nope"));
}

public class ExplainerPropertyTests
{
    private static readonly RuleSet Pack = DefaultRulePack.Load().GetRuleSetOrThrow();

    [FsCheck.Xunit.Property(MaxTest = 25)]
    public FsCheck.Property ExplainCustomer_RandomFacts_HeldRulesAreFiredRulesAndClausesAgree()
        => FsCheck.Fluent.Prop.ForAll(Arbitraries.CustomerInputs(), input =>
        {
            var facts = TestFacts.Customer(input);
            var x = Pack.ExplainCustomer(facts);
            var fired = Pack.EvaluateCustomer(facts).FiredRules.Select(f => (f.Workflow, f.Rule));

            Assert.Equal(fired, x.Rules.Where(r => r.Held).Select(r => (r.Workflow, r.Rule)));
            foreach (var r in x.Rules.Where(r => r.Evaluated && r.Clauses.Count > 0))
            {
                // The pack's rules are single clauses or pure && chains: the rule holds exactly when every clause is true.
                Assert.Equal(r.Held, r.Clauses.All(c => c.Value));
                Assert.All(r.Clauses, c => Assert.NotEmpty(c.Text));
            }
        });
}
