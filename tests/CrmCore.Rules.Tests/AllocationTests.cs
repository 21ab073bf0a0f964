using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Tests;

/// <summary>Bulk tagging reuses one fact object and the fused delegate; neither may allocate per customer.</summary>
public class AllocationTests
{
    [Fact]
    public void Classify_ReusedFacts_AllocatesNothingPerCustomer()
    {
        var set = DefaultRulePack.Load().GetRuleSetOrThrow();
        var today = TestFacts.Now.InZone(TestFacts.Zone).Date;
        var inputs = Enumerable.Range(0, 200).Select(i => new CustomerFactsInput
        {
            AnnualRevenue = i * 5000,
            LastInteractionAt = TestFacts.Now - Duration.FromDays(i),
            FirstCooperationOn = today.PlusMonths(-(i % 9)),
            ComplaintsLast60Days = i % 3,
            ConsultationsLast60Days = i % 7,
            ContractEndsOn = today.PlusDays(i % 40),
            Tags = i % 2 == 0 ? ["VIP", "高价值"] : [],
        }).ToArray();
        var facts = new CustomerFacts();
        ulong sink = 0;
        foreach (var input in inputs)
        {
            facts.Assign(input, TestFacts.Now, TestFacts.Zone);
            sink += set.Classify(facts).TagMask;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var input in inputs)
        {
            facts.Assign(input, TestFacts.Now, TestFacts.Zone);
            var c = set.Classify(facts);
            sink += c.TagMask + (ulong)(c.TierIndex + 1);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.NotEqual(0UL, sink);
    }

    [Fact]
    public void Assign_RepointedFacts_EqualFreshFacts()
    {
        var a = new CustomerFactsInput { AnnualRevenue = 1, Tags = ["a", "b", "c", "d", "e"], LastInteractionAt = TestFacts.Now, CsatAverage = 4 };
        var b = new CustomerFactsInput { AnnualRevenue = 2, Tags = ["z"], LastInteractionAt = TestFacts.Now - Duration.FromDays(3) };
        var reused = CustomerFacts.From(a, TestFacts.Now, TestFacts.Zone);
        reused.Assign(b, TestFacts.Now, TestFacts.Zone);
        var fresh = CustomerFacts.From(b, TestFacts.Now, TestFacts.Zone);

        Assert.Equal(fresh.ToString(), reused.ToString());
        Assert.Equal("z", Assert.Single(reused.Tags));
        Assert.False(reused.Tags.Contains("a"));
        Assert.Null(reused.CsatAverage);
        Assert.Equal(3, reused.DaysSinceLastInteraction);
    }

    [Fact]
    public void From_TimeDerivedFacts_ComputedFromGivenNow()
    {
        var today = TestFacts.Now.InZone(TestFacts.Zone).Date;
        var f = TestFacts.Customer(new CustomerFactsInput
        {
            LastInteractionAt = TestFacts.Now - Duration.FromHours(49),
            FirstCooperationOn = today.PlusMonths(-4).PlusDays(1),
            ContractEndsOn = today.PlusDays(30),
            TierDowngradedOn = today.PlusDays(-10),
        });

        Assert.Equal(2, f.DaysSinceLastInteraction);
        Assert.Equal(3, f.MonthsSinceFirstCooperation);
        Assert.Equal(30, f.DaysToContractEnd);
        Assert.Equal(10, f.DaysSinceTierDowngrade);
    }

    [Fact]
    public void TicketFrom_SlaFacts_ComputedFromGivenNow()
    {
        var t = TicketFacts.From(new TicketFactsInput { RaisedAt = TestFacts.Now - Duration.FromMinutes(90), SlaDueAt = TestFacts.Now - Duration.FromMinutes(30) }, TestFacts.Now);

        Assert.Equal(90, t.AgeMinutes);
        Assert.Equal(-30, t.MinutesToSlaDue);
        Assert.Equal(150m, t.SlaPercentUsed);
        Assert.True(t.IsOverdue);
    }
}
