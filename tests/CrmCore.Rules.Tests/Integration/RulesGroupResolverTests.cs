using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Integration;
using CrmCore.Rules.Reload;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Rules.Tests.Integration;

public class RulesGroupResolverTests
{
    private static readonly RuleSet Defaults = DefaultRulePack.Load().GetRuleSetOrThrow();

    private const string TierUrgencyRouting = """
        [{"WorkflowName":"Routing","Rules":[
          {"RuleName":"VipMajor","SuccessEvent":"VipDesk","Properties":{"Skill":"vip"},"Expression":"ticket.CustomerTier == \"VIP\" && ticket.Urgency == \"Major\""},
          {"RuleName":"EmailTagged","SuccessEvent":"SocialDesk","Expression":"ticket.Channel == \"Email\" && ticket.CustomerTags.Contains(\"key-account\")"}
        ]}]
        """;

    private static RoutingRequest Request(TicketType type, string? industry = null) => new(new TicketId("WT1"), industry, type);

    [Fact]
    public void Resolve_Fault_TechnicalSupportWithTechnicalSkill()
    {
        var placed = new RulesGroupResolver(Defaults).Resolve(Request(TicketType.Fault, "Retail"));

        Assert.Equal(new TeamId("TechnicalSupport"), placed.Group);
        Assert.Equal(1, placed.RequiredSkills.LevelOf(new Skill("technical")));
    }

    [Theory]
    [InlineData("制造业", "ManufacturingGroup")]
    [InlineData("Retail", "RetailGroup")]
    [InlineData("科技/互联网", "TechGroup")]
    public void Resolve_Industry_ItsGroup(string industry, string group)
    {
        var placed = new RulesGroupResolver(Defaults).Resolve(Request(TicketType.Consultation, industry));

        Assert.Equal(new TeamId(group), placed.Group);
        Assert.True(placed.RequiredSkills.LevelOf(new Skill("after-sales")) > 0);
    }

    [Fact]
    public void Resolve_CustomFileReadingTierUrgencyChannelTags_RoutesOnThem()
    {
        var set = RuleLoader.Load("routing.json", TierUrgencyRouting).GetRuleSetOrThrow();
        var resolver = new RulesGroupResolver(set);

        var vip = resolver.Resolve(Request(TicketType.Fault) with { CustomerTier = "VIP", Urgency = Urgency.Major });
        var vipGeneral = resolver.Resolve(Request(TicketType.Fault) with { CustomerTier = "VIP", Urgency = Urgency.General });
        var social = resolver.Resolve(Request(TicketType.Fault) with { Channel = Channel.Email, CustomerTags = ["key-account"] });

        Assert.Equal(new TeamId("VipDesk"), vip.Group);
        Assert.Equal(1, vip.RequiredSkills.LevelOf(new Skill("vip")));
        Assert.Equal(new TeamId("GeneralServiceGroup"), vipGeneral.Group);
        Assert.Equal(new TeamId("SocialDesk"), social.Group);
        Assert.Equal(0, social.RequiredSkills.Count);
    }

    [Fact]
    public void Resolve_NoRuleHolds_Fallback()
    {
        var set = RuleLoader.Load("routing.json", TierUrgencyRouting).GetRuleSetOrThrow();

        var placed = new RulesGroupResolver(set, new TeamId("Triage")).Resolve(Request(TicketType.Complaint, "Retail"));

        Assert.Equal(new TeamId("Triage"), placed.Group);
        Assert.Same(SkillSet.Empty, placed.RequiredSkills);
    }

    [Fact]
    public void Resolve_FuncConstructor_PicksUpReloadedSet()
    {
        var provider = new RuleSetProvider();
        provider.Reload(DefaultRulePack.Sources()).GetRuleSetOrThrow();
        var resolver = new RulesGroupResolver(() => provider.Current!.RuleSet, clock: new FakeClock(Instant.FromUtc(2026, 6, 15, 4, 0)));
        var request = Request(TicketType.Fault) with { CustomerTier = "VIP", Urgency = Urgency.Major };

        Assert.Equal(new TeamId("TechnicalSupport"), resolver.Resolve(request).Group);
        provider.Reload([RuleSource.FromText("routing.json", TierUrgencyRouting)]).GetRuleSetOrThrow();
        Assert.Equal(new TeamId("VipDesk"), resolver.Resolve(request).Group);
    }

    [Theory]
    [InlineData("ticket.AgeMinutes > 30")]
    [InlineData("ticket.IsOverdue")]
    public void Load_RoutingRuleReadsTimeDependentFact_Rejected(string expression)
    {
        var result = RuleLoader.Load("routing.json", TestFacts.Workflow("Routing", ("late", expression, "LateDesk")));

        Assert.Contains(result.Errors, e => e.Code == RuleDiagnosticCodes.TimeDependentFactInRouting);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddCrmRules_WithAddCrmRoutingInEitherOrder_RouterUsesRulesResolver(bool rulesFirst)
    {
        var services = new ServiceCollection();
        if (rulesFirst)
        {
            services.AddCrmRules().AddCrmRouting();
        }
        else
        {
            services.AddCrmRouting().AddCrmRules();
        }

        using var sp = services.BuildServiceProvider();
        var resolver = Assert.IsType<RulesGroupResolver>(sp.GetRequiredService<IGroupResolver>());
        Assert.NotNull(sp.GetRequiredService<TicketRouter>());
        Assert.Single(services, d => d.ServiceType == typeof(IGroupResolver));
        Assert.Equal(new TeamId("TechnicalSupport"), resolver.Resolve(Request(TicketType.Fault)).Group);
    }
}
