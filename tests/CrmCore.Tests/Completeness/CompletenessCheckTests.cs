using CrmCore.Agents;
using CrmCore.Completeness;
using CrmCore.Customers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Completeness;

public class CompletenessCheckTests
{
    private static CustomerState Bare(string id) => new()
    {
        Id = new CustomerId(id),
        Version = 1,
        Name = "客户" + id,
        FirstContactOn = new LocalDate(2026, 1, 1),
        CreatedAt = Instant.FromUtc(2026, 1, 1, 0, 0),
    };

    private static CustomerState Full(string id) => Bare(id) with
    {
        Industry = Industry.Retail,
        Tier = "A",
        AccountManager = new AgentId("王经理"),
        Contacts = [new Contact("张三", ContactRole.DecisionMaker) { Phone = "+8613800000000", Email = "z@example.cn" }],
        AnnualAmount = Money.Cny(500_000),
        FirstCooperationOn = new LocalDate(2025, 1, 1),
        Products = ["ERP"],
        Source = CustomerSource.Referral,
    };

    [Fact]
    public void Check_FullRecord_CompleteWithScoreOne()
    {
        var result = CompletenessCheck.Check(Full("KH1"));
        Assert.True(result.IsComplete);
        Assert.Empty(result.MissingRecommended);
        Assert.Equal(1, result.Score);
    }

    [Fact]
    public void Check_BareRecord_ListsEveryMissingField()
    {
        var result = CompletenessCheck.Check(Bare("KH1"));
        Assert.False(result.IsComplete);
        Assert.Equal(CompletenessPolicy.Default.Required, result.MissingRequired);
        Assert.Equal(CompletenessPolicy.Default.Recommended, result.MissingRecommended);
        Assert.Equal(0, result.Score);
    }

    [Fact]
    public void Check_Set_SharesPerCustomerAndField()
    {
        var noEmail = Full("KH3") with { Contacts = [new Contact("李四", ContactRole.TechnicalLead) { Phone = "+8613900000000" }] };
        var report = CompletenessCheck.Check([Full("KH1"), Bare("KH2"), noEmail, Full("KH4") with { Tier = null }]);
        Assert.Equal(0.5, report.CompleteShare);
        Assert.Equal(0.5, report.FieldShares[CustomerDataField.Email]);
        Assert.Equal(0.5, report.FieldShares[CustomerDataField.Tier]);
        Assert.Equal(0.75, report.FieldShares[CustomerDataField.Phone]);
        Assert.Equal([CustomerDataField.Email], report.Customers[2].MissingRecommended);
        Assert.Equal(8.0 / 9, report.Customers[2].Score, 6);
    }

    [Fact]
    public void Check_CustomPolicyAndNoCustomers_Edges()
    {
        var policy = new CompletenessPolicy { Required = [CustomerDataField.Size], Recommended = [] };
        Assert.False(CompletenessCheck.Check(Full("KH1"), policy).IsComplete);
        Assert.Equal(1, CompletenessCheck.Check([], policy).CompleteShare);
        Assert.Equal(1, CompletenessCheck.Check(Bare("KH1"), new CompletenessPolicy()).Score);
    }

    [Fact]
    public void Check_Set_MostOftenMissingFirst_RequiredBeforeRecommendedOnATie()
    {
        var noEmail = Full("KH3") with { Contacts = [new Contact("李四", ContactRole.TechnicalLead) { Phone = "+8613900000000" }] };
        var report = CompletenessCheck.Check([Full("KH1"), Bare("KH2"), noEmail, Full("KH4") with { Tier = null }]);

        // Email and Tier are both missing twice: the required Tier comes first; then the fields only the bare record lacks, in policy order.
        Assert.Equal(
            [CustomerDataField.Tier, CustomerDataField.Email, CustomerDataField.Industry, CustomerDataField.AccountManager, CustomerDataField.Phone,
                CustomerDataField.AnnualAmount, CustomerDataField.FirstCooperationOn, CustomerDataField.Products, CustomerDataField.Source],
            report.MostOftenMissing.Select(m => m.Field));
        Assert.Equal(new MissingField(CustomerDataField.Tier, true, 2, 0.5), report.MostOftenMissing[0]);
        Assert.Equal(new MissingField(CustomerDataField.Email, false, 2, 0.5), report.MostOftenMissing[1]);
        Assert.Equal(2, report.CompleteCount);
        Assert.Same(CompletenessPolicy.Default, report.Policy);
    }

    [Fact]
    public void Check_Set_PerAccountManager_LowestShareFirst_NoManagerGroupedApart()
    {
        var wang = new AgentId("王经理");
        var li = new AgentId("李经理");
        var report = CompletenessCheck.Check(
        [
            Full("KH1"),
            Full("KH2") with { Tier = null },
            Full("KH3") with { AccountManager = li },
            Full("KH4") with { AccountManager = li, Products = [] },
            Full("KH5") with { AccountManager = null },
        ]);

        Assert.Equal(
            [
                new AccountManagerCompleteness(null, 1, 0, CustomerDataField.AccountManager),
                new AccountManagerCompleteness(wang, 2, 1, CustomerDataField.Tier),
                new AccountManagerCompleteness(li, 2, 2, CustomerDataField.Products),
            ],
            report.ByAccountManager);
        Assert.Equal(0.5, report.ByAccountManager[1].CompleteShare);
        Assert.Null(CompletenessCheck.Check([Full("KH1")]).ByAccountManager[0].MostOftenMissing);
        Assert.Empty(CompletenessCheck.Check([Full("KH1")]).MostOftenMissing);
    }

    /// <summary>For any set of records: the per-field counts are the records that lack the field, the per-manager rows add up to the
    /// whole, and the list is ordered most often missing first.</summary>
    [Property(MaxTest = 200)]
    public Property Check_AnySet_CountsAddUp() => Prop.ForAll(
        Arb.From(Gen.ListOf(Gen.Choose(0, 255))),
        masks =>
        {
            var customers = masks.Select((mask, i) => Vary(Full("KH" + i), mask)).ToList();
            var report = CompletenessCheck.Check(customers);
            var countsRight = report.MostOftenMissing.All(m => m.Customers == customers.Count(c => !CompletenessCheck.Has(c, m.Field)) && m.Customers > 0);
            var everyGapListed = Enum.GetValues<CustomerDataField>()
                .Where(f => CompletenessPolicy.Default.Required.Contains(f) || CompletenessPolicy.Default.Recommended.Contains(f))
                .All(f => customers.All(c => CompletenessCheck.Has(c, f)) || report.MostOftenMissing.Any(m => m.Field == f));
            var ordered = report.MostOftenMissing.Zip(report.MostOftenMissing.Skip(1)).All(p => p.First.Customers >= p.Second.Customers);
            var owners = report.ByAccountManager.Sum(r => r.Customers) == customers.Count && report.ByAccountManager.Sum(r => r.Complete) == report.CompleteCount;
            return countsRight && everyGapListed && ordered && owners;
        });

    /// <summary>A full record with some fields taken away (one bit of the mask per field) and one of two managers.</summary>
    private static CustomerState Vary(CustomerState full, int mask) => full with
    {
        Industry = (mask & 1) != 0 ? default : full.Industry,
        Tier = (mask & 2) != 0 ? null : full.Tier,
        AccountManager = (mask & 4) != 0 ? null : (mask & 128) != 0 ? new AgentId("李经理") : full.AccountManager,
        Contacts = (mask & 8) != 0 ? [] : (mask & 16) != 0 ? [new Contact("张三", ContactRole.DecisionMaker) { Phone = "+8613800000000" }] : full.Contacts,
        Products = (mask & 32) != 0 ? [] : full.Products,
        AnnualAmount = (mask & 64) != 0 ? Money.Cny(0) : full.AnnualAmount,
    };
}
