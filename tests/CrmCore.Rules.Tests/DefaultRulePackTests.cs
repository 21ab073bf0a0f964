using CrmCore.Rules.Facts;
using CrmCore.Rules.Reference;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Rules.Tests;

public class DefaultRulePackTests
{
    private static readonly LocalDate Today = TestFacts.Now.InZone(TestFacts.Zone).Date;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_WholePack_NoDiagnostics(bool doc003)
    {
        var result = DefaultRulePack.Load(doc003);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(6, result.RuleSet!.Workflows.Count);
    }

    [Fact]
    public void Load_BothTieringFiles_DuplicateKindError()
    {
        var result = RuleLoader.Load([DefaultRulePack.GetSource(DefaultRulePack.Tiering), DefaultRulePack.GetSource(DefaultRulePack.TieringDoc003)]);
        Assert.Contains(result.Errors, e => e.Code == Diagnostics.RuleDiagnosticCodes.DuplicateKind);
    }

    [Theory]
    [InlineData(620_000, null, "A")]
    [InlineData(500_000, null, "A")]
    [InlineData(499_999.99, null, "B")]
    [InlineData(100_000, null, "B")]
    [InlineData(99_999, 4, "Potential")]
    [InlineData(99_999, 7, "C")]
    [InlineData(0, null, "C")]
    public void EvaluateCustomer_Doc001Tiers(double revenue, int? months, string tier)
    {
        var set = DefaultRulePack.Load().GetRuleSetOrThrow();
        var facts = TestFacts.Customer(new CustomerFactsInput
        {
            AnnualRevenue = (decimal)revenue,
            LastInteractionAt = TestFacts.Now,
            FirstCooperationOn = months is { } m ? Today.PlusMonths(-m) : null,
        });

        Assert.Equal(tier, set.EvaluateCustomer(facts).Tier);
        Assert.Equal(tier, set.TierOf(set.Classify(facts)));
    }

    [Theory]
    [InlineData(100_000, "高价值")]
    [InlineData(50_000, "潜力")]
    [InlineData(49_999, "普通")]
    public void EvaluateCustomer_Doc003Tiers(int revenue, string tier)
    {
        var set = DefaultRulePack.Load(useDoc003Tiering: true).GetRuleSetOrThrow();
        Assert.Equal(tier, set.EvaluateCustomer(TestFacts.Customer(revenue)).Tier);
    }

    [Fact]
    public void EvaluateCustomer_TagsAndChurnRisk()
    {
        var set = DefaultRulePack.Load().GetRuleSetOrThrow();
        var facts = TestFacts.Customer(new CustomerFactsInput
        {
            LastInteractionAt = TestFacts.Now - Duration.FromDays(120),
            ConsultationsLast60Days = 6,
            ComplaintsLast60Days = 1,
            ConsultationsPrev60Days = 1,
            UnresolvedComplaints = 2,
            CsatAverage = 3.2m,
            ContractEndsOn = Today.PlusDays(20),
            DoNotContact = true,
        });

        var e = set.EvaluateCustomer(facts);

        Assert.Equal(["silent", "churn-risk", "高频咨询", "近期有投诉记录", "do-not-contact"], e.Tags);
        Assert.Equal(30 + 20 + 20 + 25 + 20, e.ChurnRiskPoints);
        Assert.Contains(e.ChurnRiskReasons, r => r.Rule == "UnresolvedComplaints" && r.Points == 20);
        Assert.All(e.ChurnRiskReasons, r => Assert.False(string.IsNullOrWhiteSpace(r.ReasonZhHans), r.Rule));
        Assert.Equal("存在未解决的投诉", e.ChurnRiskReasons.Single(r => r.Rule == "UnresolvedComplaints").ReasonZhHans);
        Assert.Equal("Unresolved complaints", e.ChurnRiskReasons.Single(r => r.Rule == "UnresolvedComplaints").Reason);
    }

    [Fact]
    public async Task EvaluateTicket_ComplaintFromTierACustomer()
    {
        var set = DefaultRulePack.Load().GetRuleSetOrThrow();
        var facts = TicketFacts.From(
            new TicketFactsInput
            {
                Type = TicketType.Complaint,
                Urgency = Urgency.General,
                CustomerTier = "A",
                CustomerIndustry = "制造业",
                RaisedAt = TestFacts.Now - Duration.FromHours(30),
                SlaDueAt = TestFacts.Now - Duration.FromHours(6),
                ReopenCount = 1,
            },
            TestFacts.Now);

        var e = set.EvaluateTicket(facts);
        var reference = await new RulesEngineReferenceEvaluator(set).EvaluateTicketAsync(facts);

        Assert.Equal(30 + 25 + 5, e.PriorityPoints);
        Assert.Equal(e.PriorityPoints, reference.PriorityPoints);
        Assert.Equal(["A 类（高价值）客户", "紧急问题（投诉按紧急处理）", "工单被重新打开"], e.PriorityReasons.Select(r => r.ReasonZhHans));
        Assert.Equal(e.PriorityReasons, reference.PriorityReasons);
        Assert.Equal("ManufacturingGroup", e.RoutingTarget);
        Assert.Equal("after-sales", e.RoutingSkill);
        var step = Assert.Single(e.Escalations);
        Assert.Equal(new EscalationRuleMatch("overdue", "Every ticket: an overdue resolution reminds the supervisor, then the department head (doc 001)", "OverdueReminders"), step);
        Assert.Equal(e.Escalations, reference.Escalations);
    }

    [Fact]
    public void EvaluateTicket_FaultRoutedToTechnicalSupport()
    {
        var set = DefaultRulePack.Load().GetRuleSetOrThrow();
        var facts = TicketFacts.From(new TicketFactsInput { Type = TicketType.Fault, Urgency = Urgency.Major, CustomerIndustry = "零售业", RaisedAt = TestFacts.Now }, TestFacts.Now);

        var e = set.EvaluateTicket(facts);

        Assert.Equal("TechnicalSupport", e.RoutingTarget);
        Assert.Equal(["urgent-major-report", "overdue"], e.Ladders);
    }

    [Fact]
    public void Load_EscalationLaddersOfDocument001_PackNamesOnlyExistingLadders()
    {
        var ladders = CrmCore.Escalation.EscalationPolicyJson.Document001.Ladders.Select(l => l.Name).ToArray();

        var result = RuleLoader.Load(DefaultRulePack.Sources(), RuleLoadOptions.Default with { EscalationLadders = ladders });

        Assert.True(result.Success, string.Join("; ", result.Errors.Select(d => d.Message)));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == Diagnostics.RuleDiagnosticCodes.UnknownEscalationLadder);
    }

    [Fact]
    public void GetSource_UnknownFile_Throws()
        => Assert.Throws<ArgumentException>(() => DefaultRulePack.GetSource("nope.json"));
}

public class RuleSetDryRunTests
{
    [Fact]
    public void DryRun_Customers_OneResultPerItemWithFiredRules()
    {
        var set = DefaultRulePack.Load().GetRuleSetOrThrow();
        var results = set.DryRun([TestFacts.Customer(600_000), TestFacts.Customer(10, 400)]);

        Assert.Equal(2, results.Count);
        Assert.Equal(["TierA", "Active"], results[0].FiredRules.Select(f => f.Rule));
        Assert.Equal("C", results[1].Tier);
        Assert.DoesNotContain(results[1].FiredRules, f => f.Kind == WorkflowKind.Tagging);
    }
}
