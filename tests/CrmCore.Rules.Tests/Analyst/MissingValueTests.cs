using System.Globalization;
using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Reference;
using NodaTime;

namespace CrmCore.Rules.Tests.Analyst;

/// <summary>A missing value is null: comparisons with it are false, explain says so, and a rule can test for it.</summary>
public class MissingValueTests
{
    private static readonly RuleSet Pack = DefaultRulePack.Load().GetRuleSetOrThrow();

    private static CustomerFacts NeverInteracted(decimal revenue = 0) => TestFacts.Customer(new CustomerFactsInput { AnnualRevenue = revenue });

    [Fact]
    public void From_NoLastInteraction_DaysSinceIsNullNot1970()
    {
        Assert.Null(NeverInteracted().DaysSinceLastInteraction);
        var recent = TestFacts.Customer(new CustomerFactsInput { LastInteractionAt = TestFacts.Now - Duration.FromDays(3) });
        Assert.Equal(3, recent.DaysSinceLastInteraction);
    }

    [Fact]
    public void EvaluateCustomer_NoLastInteraction_NeitherSilentNorActive()
    {
        var evaluation = Pack.EvaluateCustomer(NeverInteracted());

        Assert.DoesNotContain("silent", evaluation.Tags);
        Assert.DoesNotContain("active", evaluation.Tags);
        Assert.Equal(0UL, Pack.Classify(NeverInteracted()).TagMask & (Mask(Pack, "silent") | Mask(Pack, "active")));
    }

    [Fact]
    public void Rule_ExplicitNullTest_HoldsOnlyForMissingValue()
    {
        var set = RuleLoader.Load("t.json", TestFacts.Workflow("Tagging", ("Never", "customer.DaysSinceLastInteraction == null", "never-contacted"))).GetRuleSetOrThrow();

        Assert.Equal(["never-contacted"], set.EvaluateCustomer(NeverInteracted()).Tags);
        Assert.Empty(set.EvaluateCustomer(TestFacts.Customer(daysSinceInteraction: 400)).Tags);
    }

    [Fact]
    public void ExplainCustomer_NoLastInteraction_SaysNoValueInBothLanguages()
    {
        var silent = Pack.ExplainCustomer(NeverInteracted()).Rules.Single(r => r.Rule == "Silent");

        Assert.False(silent.Held);
        Assert.Equal("DaysSinceLastInteraction (no value) > 90", silent.Clauses[0].Text);
        Assert.Equal("DaysSinceLastInteraction （无值） > 90", silent.Clauses[0].TextZhHans);
        Assert.Equal(new FactValueProbe("customer.DaysSinceLastInteraction", null), new FactValueProbe(silent.Clauses[0].Facts[0].Name, silent.Clauses[0].Facts[0].Value));
        Assert.Contains("DaysSinceLastInteraction （无值） > 90 为假", Pack.ExplainCustomer(NeverInteracted()).ToText(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.Equal("（无值）", CrmCore.Rules.Explain.ExplainLabels.Get("null", CultureInfo.GetCultureInfo("zh-Hans")));
        Assert.Equal("(no value)", CrmCore.Rules.Explain.ExplainLabels.Get("null", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Reference_NoLastInteraction_RulesEngineAgrees()
    {
        var reference = new RulesEngineReferenceEvaluator(Pack);
        var expected = await reference.EvaluateCustomerAsync(NeverInteracted());

        Assert.Equal(expected.Tags, Pack.EvaluateCustomer(NeverInteracted()).Tags);
    }

    [Fact]
    public void CustomerStore_NoLastInteraction_RoundTripsAsNull()
    {
        var store = new CustomerStore(1);
        store.Add(new CustomerFactsInput { AnnualRevenue = 5 });

        Assert.Null(store.GetInput(0).LastInteractionAt);
    }

    internal static ulong Mask(RuleSet set, string tag) => set.Tags.TryGetId(tag, out var id) ? 1UL << id : 0UL;

    private sealed record FactValueProbe(string Name, string? Value);
}
