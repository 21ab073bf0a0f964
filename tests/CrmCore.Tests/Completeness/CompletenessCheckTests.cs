using CrmCore.Agents;
using CrmCore.Completeness;
using CrmCore.Customers;
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
}
