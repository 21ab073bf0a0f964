using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Rules.Desk;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Reload;
using CrmCore.Tickets;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Rules.Tests.Desk;

/// <summary>The Routing workflow behind the desk's routing port, read from the one ticket shape (<see cref="TicketView"/>).</summary>
public class RulesRoutingTests
{
    private static readonly RuleSet Defaults = DefaultRulePack.Load().GetRuleSetOrThrow();
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 15, 4, 0);

    private const string TierUrgencyRouting = """
        [{"WorkflowName":"Routing","Rules":[
          {"RuleName":"VipMajor","SuccessEvent":"VipDesk","Properties":{"Skill":"vip"},"Expression":"ticket.CustomerTier == \"VIP\" && ticket.Urgency == \"Major\""},
          {"RuleName":"EmailTagged","SuccessEvent":"SocialDesk","Expression":"ticket.Channel == \"Email\" && ticket.CustomerTags.Contains(\"key-account\")"}
        ]}]
        """;

    private static RulesDeskPorts Ports(RuleSet set, TeamId? fallback = null) => new(() => set, RuleBackend.Compiled, new FakeClock(Now), fallback);

    private static TicketView View(TicketType type, string? industry = null, Urgency urgency = Urgency.General, Channel? channel = null, string? tier = null, params string[] tags)
    {
        var customerId = new CustomerId("K1");
        var request = new TicketRequest { CustomerId = customerId, Description = "问题", Type = type, Urgency = urgency, Channel = channel ?? Channel.Phone };
        var ticket = Ticket.Open(new TicketId("WT1"), request, new AgentId("queue"), "phone", Now).ToState();
        var customer = industry is null && tier is null && tags.Length == 0
            ? null
            : Customer.Create(customerId, new CustomerProfile { Name = "客户", Industry = industry is null ? default : new Industry(industry), FirstContactOn = new LocalDate(2025, 1, 1) }, Now).ToState() with { Tier = tier, Tags = tags };
        return new TicketView(ticket, customer);
    }

    [Fact]
    public void Route_Fault_TechnicalSupportWithTechnicalSkill()
    {
        var placed = Ports(Defaults).Route(View(TicketType.Fault, "Retail"));

        Assert.Equal(new TeamId("TechnicalSupport"), placed.Group);
        Assert.Equal(1, placed.RequiredSkills.LevelOf(new Skill("technical")));
    }

    [Theory]
    [InlineData("制造业", "ManufacturingGroup")]
    [InlineData("Retail", "RetailGroup")]
    [InlineData("科技/互联网", "TechGroup")]
    public void Route_CustomersIndustry_ItsGroup(string industry, string group)
    {
        var placed = Ports(Defaults).Route(View(TicketType.Consultation, industry));

        Assert.Equal(new TeamId(group), placed.Group);
        Assert.True(placed.RequiredSkills.LevelOf(new Skill("after-sales")) > 0);
    }

    [Fact]
    public void Route_CustomFileReadingTierUrgencyChannelTags_RoutesOnThem()
    {
        var ports = Ports(RuleLoader.Load("routing.json", TierUrgencyRouting).GetRuleSetOrThrow());

        var vip = ports.Route(View(TicketType.Fault, urgency: Urgency.Major, tier: "VIP"));
        var vipGeneral = ports.Route(View(TicketType.Fault, tier: "VIP"));
        var social = ports.Route(View(TicketType.Fault, channel: Channel.Email, tags: "key-account"));

        Assert.Equal(new TeamId("VipDesk"), vip.Group);
        Assert.Equal(1, vip.RequiredSkills.LevelOf(new Skill("vip")));
        Assert.Equal(new TeamId("GeneralServiceGroup"), vipGeneral.Group);
        Assert.Equal(new TeamId("SocialDesk"), social.Group);
        Assert.Equal(0, social.RequiredSkills.Count);
    }

    [Fact]
    public void Route_NoRuleHolds_Fallback()
    {
        var ports = Ports(RuleLoader.Load("routing.json", TierUrgencyRouting).GetRuleSetOrThrow(), new TeamId("Triage"));

        var placed = ports.Route(View(TicketType.Complaint, "Retail"));

        Assert.Equal(new TeamId("Triage"), placed.Group);
        Assert.Same(SkillSet.Empty, placed.RequiredSkills);
    }

    [Fact]
    public void Route_AfterReload_ReadsTheNewSetAtTheNextTicket()
    {
        var provider = new RuleSetProvider();
        provider.Reload(DefaultRulePack.Sources()).GetRuleSetOrThrow();
        var ports = new RulesDeskPorts(() => provider.Current!.RuleSet, RuleBackend.Compiled, new FakeClock(Now));

        Assert.Equal(new TeamId("TechnicalSupport"), ports.Route(View(TicketType.Fault, urgency: Urgency.Major, tier: "VIP")).Group);
        provider.Reload([RuleSource.FromText("routing.json", TierUrgencyRouting)]).GetRuleSetOrThrow();
        Assert.Equal(new TeamId("VipDesk"), ports.Route(View(TicketType.Fault, urgency: Urgency.Major, tier: "VIP")).Group);
    }

    [Theory]
    [InlineData("ticket.AgeMinutes > 30")]
    [InlineData("ticket.IsOverdue")]
    public void Load_RoutingRuleReadsTimeDependentFact_Rejected(string expression)
    {
        var result = RuleLoader.Load("routing.json", TestFacts.Workflow("Routing", ("late", expression, "LateDesk")));

        Assert.Contains(result.Errors, e => e.Code == RuleDiagnosticCodes.TimeDependentFactInRouting);
    }
}
