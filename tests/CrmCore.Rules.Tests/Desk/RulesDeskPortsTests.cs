using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Rules.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Rules.Tests.Desk;

public class RulesDeskPortsTests
{
    private static readonly string[] Industries = ["Manufacturing", "Retail", "Services", "Tech", "Education"];
    private static readonly TicketType[] Types = [TicketType.Fault, TicketType.Complaint, TicketType.Consultation, TicketType.PreSales, TicketType.Suggestion];

    [Fact]
    public async Task AddCrmRules_ReplacesDefaultPorts_WithTheRulePack()
    {
        var (desk, provider) = await NewDeskAsync(RuleBackend.Compiled);

        var (id, raised) = await desk.RaiseAsync(Request(new CustomerId("K0"), TicketType.Fault, Urgency.Major), "phone");

        Assert.IsType<RulesDeskPorts>(provider.GetRequiredService<IRoutingPolicy>());
        var queued = Assert.Single(raised.Events.OfType<TicketQueued>());
        Assert.Equal(new TeamId("TechnicalSupport"), queued.Group);
        Assert.Equal(30 + 40 + 15, queued.Priority); // tier A, major, fault: the Priority workflow's points
        Assert.True(desk.Queue.Contains(id));
    }

    [Fact]
    public void HostPort_RegisteredBefore_IsKeptByAddCrmRules()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0)));
        services.AddSingleton<IPriorityScorer>(new FixedPriority());
        services.AddCrmCore();
        services.AddCrmRules();

        using var provider = services.BuildServiceProvider();

        Assert.IsType<FixedPriority>(provider.GetRequiredService<IPriorityScorer>());
        Assert.IsType<RulesDeskPorts>(provider.GetRequiredService<IRoutingPolicy>());
    }

    [Fact]
    public async Task RoutingSkill_LowerCaseInRules_MatchesAgentSkillInAnyCase()
    {
        var (desk, _) = await NewDeskAsync(RuleBackend.Compiled);
        desk.RegisterAgent(new AgentId("A1"), "Li", new TeamId("TechnicalSupport"), SkillSet.Of(new Skill("Technical")), 3);

        var (id, raised) = await desk.RaiseAsync(Request(new CustomerId("K0"), TicketType.Fault, Urgency.Urgent), "phone");
        var (pulled, _) = await desk.PullNextAsync(new AgentId("A1"));

        Assert.DoesNotContain(raised.Events, e => e is TicketUnassignable);
        Assert.Equal(id, pulled);
    }

    [Fact]
    public void RouteThenScore_SameTicket_EvaluatesTheWorkflowsOnce()
    {
        var set = DefaultRulePack.Load().GetRuleSetOrThrow();
        var evaluations = 0;
        var ports = new RulesDeskPorts(() => { evaluations++; return set; }, RuleBackend.Compiled, new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0)));
        var ticket = Ticket.Open(new TicketId("WT1"), Request(new CustomerId("K0"), TicketType.Fault, Urgency.Major), new AgentId("queue"), "phone", Instant.FromUtc(2026, 3, 2, 2, 0));
        var view = new TicketView(ticket.ToState(), null);

        var route = ports.Route(view);
        var score = ports.Score(view);
        ports.Route(new TicketView(ticket.ToState(), null));

        Assert.Equal(new TeamId("TechnicalSupport"), route.Group);
        Assert.Equal(40 + 15, score);
        Assert.Equal(2, evaluations); // one per view: Route and Score share the evaluation of the first
    }

    [Fact]
    public void ClassifyAndFactors_BothBackends_AreThePacksCustomerWorkflows()
    {
        var set = DefaultRulePack.Load().GetRuleSetOrThrow();
        var now = Instant.FromUtc(2026, 3, 2, 2, 0);
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var customer = Customer.Create(new CustomerId("K0"), new CustomerProfile
        {
            Name = "客户",
            Industry = new Industry("制造业"),
            FirstContactOn = new LocalDate(2024, 1, 1),
            Transactions = new TransactionSummary(new LocalDate(2024, 2, 1), Money.Cny(600_000m)),
        }, now).ToState();
        var activity = new CustomerActivity { ComplaintsLast60Days = 4, ConsultationsLast60Days = 2, UnresolvedComplaints = 2, OpenTickets = 3, LastInteractionAt = now - Duration.FromDays(2), CsatAverage = 2.5m };
        var view = new CustomerView(customer, activity, new CustomerBackground { ContractEndsOn = new LocalDate(2026, 3, 20) }, now, zone);
        var compiled = new RulesDeskPorts(() => set, RuleBackend.Compiled, new FakeClock(now));
        var rulesEngine = new RulesDeskPorts(() => set, RuleBackend.RulesEngine, new FakeClock(now));
        var expected = set.EvaluateCustomer(CustomerFactsProjection.ToFacts(view));

        var labels = compiled.Classify(view);
        var factors = compiled.Factors(view);

        Assert.Equal("A", labels.Tier);
        Assert.Equal(expected.Tags, labels.Tags);
        Assert.Contains("近期有投诉记录", labels.Tags);
        Assert.Equal(expected.ChurnRiskReasons.Select(r => (r.Rule, (double)r.Points)), factors.Select(f => (f.Name, f.Points)));
        Assert.Contains(factors, f => f.Name == "ContractEnding" && f.ReasonZhHans is not null);
        Assert.Equal(labels, rulesEngine.Classify(view) with { Tags = labels.Tags });
        Assert.Equal(labels.Tags, rulesEngine.Classify(view).Tags);
        Assert.Equal(factors, rulesEngine.Factors(view));
    }

    [Fact]
    public async Task BothBackends_GiveTheSameGroupsPrioritiesAndEscalations_OverAMonthOfTickets()
    {
        var compiled = await RunMonthAsync(RuleBackend.Compiled);
        var rulesEngine = await RunMonthAsync(RuleBackend.RulesEngine);

        Assert.Equal(75, compiled.Count);
        Assert.Equal(compiled, rulesEngine);
        Assert.True(compiled.Select(c => c.Split('|')[1]).Distinct().Count() >= 4, "the tickets should reach several groups");
    }

    private static async Task<List<string>> RunMonthAsync(RuleBackend backend)
    {
        var (desk, provider) = await NewDeskAsync(backend);
        var clock = (FakeClock)provider.GetRequiredService<IClock>();
        var lines = new List<string>();
        for (var i = 0; i < 75; i++)
        {
            var (id, raised) = await desk.RaiseAsync(Request(new CustomerId($"K{i % Industries.Length}"), Types[i % Types.Length], (Urgency)(i % 3)), "phone");
            var queued = raised.Events.OfType<TicketQueued>().Single();
            clock.AdvanceMinutes(97);
            var escalated = (await desk.AdvanceAsync()).Events.OfType<TicketEscalated>().Select(e => $"{e.TicketId}:{e.Ladder}/{e.Level}");
            lines.Add($"{id}|{queued.Group}|{queued.Priority}|{string.Join(',', escalated)}");
        }

        return lines;
    }

    private static async Task<(ServiceDesk Desk, ServiceProvider Provider)> NewDeskAsync(RuleBackend backend)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0)));
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        services.AddCrmRules(o => o.Backend = backend);
        var provider = services.BuildServiceProvider();
        var desk = provider.GetRequiredService<ServiceDesk>();
        for (var i = 0; i < Industries.Length; i++)
        {
            var profile = new CustomerProfile { Name = $"客户{i}", Industry = new Industry(Industries[i]), FirstContactOn = new LocalDate(2025, 1, 1) };
            await desk.RegisterCustomerAsync(new CustomerId($"K{i}"), profile, tier: i % 2 == 0 ? "A" : "B");
        }

        return (desk, provider);
    }

    private static TicketRequest Request(CustomerId customer, TicketType type, Urgency urgency) => new()
    {
        CustomerId = customer,
        Description = "问题描述",
        Urgency = urgency,
        Type = type,
    };

    private sealed class FixedPriority : IPriorityScorer
    {
        public long Score(TicketView ticket) => 7;
    }
}
