using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Satisfaction;
using CrmCore.Sla;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Desk;

public class ServiceDeskTests
{
    private static readonly CustomerId Acme = new("KH0001");

    // Monday 2 March 2026, 10:00 in Shanghai: inside business hours.
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 3, 2, 2, 0));

    [Fact]
    public async Task Journey_RaiseToClose_OwnerQueueAndEventsFollowTheTicket()
    {
        var desk = await NewDeskAsync();
        desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);

        var (id, raised) = await desk.RaiseAsync(Request(), "phone");
        Assert.Contains(raised.Events, e => e is TicketQueued);
        Assert.DoesNotContain(raised.Events, e => e is TicketUnassignable);
        Assert.True(desk.Queue.Contains(id));

        var (pulled, _) = await desk.PullNextAsync(new AgentId("A001"));
        Assert.Equal(id, pulled);
        Assert.False(desk.Queue.Contains(id));
        clock.AdvanceMinutes(20);
        await desk.RespondAsync(id, "A001", "Looking into it");
        clock.AdvanceHours(1);
        await desk.ResolveAsync(id, "A001", "Server load fixed");
        await desk.ScheduleRevisitAsync(id, "A001");
        clock.AdvanceHours(2);
        var revisit = await desk.CompleteRevisitAsync(id, "manager", "works", new DeskSurvey(new CsatScore(5), new NpsScore(9), Comment: "fast"));
        var closed = await desk.CloseAsync(id, "manager");

        var view = await desk.ViewAsync(id);
        Assert.Equal(TicketStatus.Closed, view.Ticket.Status);
        Assert.Equal(new AgentId("A001"), view.Ticket.Owner);
        Assert.Equal(new CsatScore(5), view.Ticket.Survey!.Csat);
        Assert.Contains(revisit.Events, e => e is TicketSurveyRecorded);
        Assert.Contains(closed.Events, e => e is TicketClosed { RevisitCompleted: true });
        var sla = await desk.GetSlaAsync(id);
        Assert.Equal(SlaClockStatus.Met, sla.Find(SlaMetric.FirstResponse)!.Value.Status);
    }

    [Fact]
    public async Task Reopened_RevisitedAgain_KeepsBothSurveys_KpisCountTheLatest()
    {
        var desk = await NewDeskAsync();
        desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        var (id, _) = await desk.RaiseAsync(Request(), "phone");
        await desk.PullNextAsync(new AgentId("A001"));
        await desk.RespondAsync(id, "A001", "Looking into it");
        await desk.ResolveAsync(id, "A001", "Restarted");
        await desk.ScheduleRevisitAsync(id, "A001");
        clock.AdvanceHours(1);
        await desk.CompleteRevisitAsync(id, "manager", "not fixed", new DeskSurvey(new CsatScore(2), Comment: "still slow"));
        await desk.ReopenAsync(id, "customer", "still slow");
        await desk.ResolveAsync(id, "A001", "Server load fixed");
        await desk.ScheduleRevisitAsync(id, "A001");
        clock.AdvanceHours(1);
        await desk.CompleteRevisitAsync(id, "manager", "works", new DeskSurvey(new CsatScore(5), Comment: "fast now"));

        var view = await desk.ViewAsync(id);
        var kpi = await desk.KpiInputAsync(new YearMonth(2026, 3));

        Assert.Equal(["still slow", "fast now"], view.Ticket.Surveys.Select(s => s.Comment));
        Assert.Equal(new CsatScore(5), view.Ticket.Survey!.Csat);
        Assert.Equal(new CsatScore(5), Assert.Single(kpi.Surveys).Csat);
    }

    [Fact]
    public async Task KpiInputAsync_TicketLoggedLateWithEarlierRaisedAt_CountsInTheMonthItWasRaised()
    {
        // Monday 2 March logs Friday 27 February's phone call: the ticket belongs to February's KPIs and report, not March's.
        var desk = await NewDeskAsync();
        var (id, _) = await desk.RaiseAsync(Request() with { RaisedAt = Instant.FromUtc(2026, 2, 27, 8, 0) }, "phone");
        var calculator = new CrmCore.Metrics.KpiCalculator(new CrmCore.Metrics.MetricsOptions());

        var february = await desk.KpiInputAsync(new YearMonth(2026, 2));
        var march = await desk.KpiInputAsync(new YearMonth(2026, 3));

        Assert.Equal(id.Value, Assert.Single(february.Tickets).TicketId);
        Assert.Equal(1, calculator.Compute(february, new YearMonth(2026, 2)).Totals.TicketCount);
        Assert.Empty(march.Tickets);
    }

    [Fact]
    public async Task Command_OnQueuedTicket_IsRefusedUntilAssigned()
    {
        var desk = await NewDeskAsync();
        var (id, _) = await desk.RaiseAsync(Request(), "phone");

        await Assert.ThrowsAsync<InvalidOperationException>(() => desk.StartAsync(id, "A001"));
        Assert.True(desk.Queue.Contains(id));
    }

    [Fact]
    public async Task Advance_RaisesWarningsBreachAndEscalationOnce_InBusinessTime()
    {
        var desk = await NewDeskAsync();
        var (id, _) = await desk.RaiseAsync(Request(), "phone");

        clock.AdvanceMinutes(30);
        Assert.Empty((await desk.AdvanceAsync()).Events);
        clock.AdvanceMinutes(40);
        var first = await desk.AdvanceAsync();
        clock.AdvanceHours(2);
        var second = await desk.AdvanceAsync();
        var third = await desk.AdvanceAsync();

        Assert.Contains(first.Events, e => e is SlaWarningRaised w && w.Metric == SlaMetric.FirstResponse);
        Assert.Contains(first.Events, e => e is TicketEscalated x && x.Ladder == "urgent-major-report" && x.Level == 1);
        Assert.DoesNotContain(second.Events, e => e is TicketEscalated x && x.Ladder == "urgent-major-report");
        Assert.Contains(second.Events, e => e is SlaBreached b && b.Metric == SlaMetric.FirstResponse);
        Assert.Empty(third.Events);
        Assert.Equal(id, ((TicketEscalated)first.Events.First(e => e is TicketEscalated)).TicketId);
    }

    [Fact]
    public async Task Raise_NoAgentWithTheSkill_ReportsUnassignable_SkillCaseIgnored()
    {
        var desk = await NewDeskAsync(new FixedRouting(new TeamId("L2"), SkillSet.Of(new Skill("technical"))));
        desk.RegisterAgent(new AgentId("A002"), "Wang", new TeamId("L2"), SkillSet.Of(new Skill("Technical")), 5);

        var (id, raised) = await desk.RaiseAsync(Request(), "phone");
        var (pulled, _) = await desk.PullNextAsync(new AgentId("A002"));

        Assert.DoesNotContain(raised.Events, e => e is TicketUnassignable);
        Assert.Equal(id, pulled);

        var (_, stranded) = await desk.RaiseAsync(Request() with { Type = TicketType.Complaint }, "phone");
        Assert.DoesNotContain(stranded.Events, e => e is TicketUnassignable);
        var lonely = await NewDeskAsync(new FixedRouting(new TeamId("L3"), SkillSet.Empty));
        var (_, nobody) = await lonely.RaiseAsync(Request(), "phone");
        Assert.Contains("no registered agent serves group L3", Assert.Single(nobody.Events.OfType<TicketUnassignable>()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribers_ReceiveEveryCommandsEvents()
    {
        var sink = new Sink();
        var desk = await NewDeskAsync(subscriber: sink);

        var (_, raised) = await desk.RaiseAsync(Request(), "phone");

        Assert.Equal(raised.Events, sink.Received.Skip(2)); // CustomerRegistered and CustomerTierChanged came first
    }

    [Fact]
    public async Task KpiInput_CountsCustomerAnswersAndReopeningsAsContacts()
    {
        var desk = await NewDeskAsync();
        desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        var (direct, _) = await desk.RaiseAsync(Request(), "phone");
        var (asked, _) = await desk.RaiseAsync(Request(), "phone");
        await desk.PullNextAsync(new AgentId("A001"));
        await desk.PullNextAsync(new AgentId("A001"));

        await desk.RespondAsync(direct, "A001", "On it");
        await desk.ResolveAsync(direct, "A001", "Fixed");
        await desk.RespondAsync(asked, "A001", "On it");
        await desk.WaitForCustomerAsync(asked, "A001", "Which account?");
        clock.AdvanceMinutes(30);
        await desk.ResumeAsync(asked, "A001");
        await desk.ResolveAsync(asked, "A001", "Fixed");
        await desk.ReopenAsync(asked, "phone", "Back again");
        await desk.ResolveAsync(asked, "A001", "Fixed for good");

        var records = (await desk.KpiInputAsync(new YearMonth(2026, 3))).Tickets.ToDictionary(r => r.TicketId);
        Assert.Equal(1, records[direct.Value].ContactCount);
        Assert.True(records[direct.Value].ResolvedOnFirstContact);
        Assert.Equal(3, records[asked.Value].ContactCount);
        Assert.False(records[asked.Value].ResolvedOnFirstContact);
    }

    [Fact]
    public async Task Advance_TicketWaitedTooLong_OverflowsOnceToTheOverflowGroup()
    {
        var general = new TeamId("General");
        var desk = await NewDeskAsync(routing: new FixedRouting(new TeamId("L3"), SkillSet.Empty), overflow: general);
        var agent = desk.RegisterAgent(new AgentId("A001"), "Li", general, SkillSet.Empty, 5).Id;
        var (id, _) = await desk.RaiseAsync(Request(), "phone");

        clock.AdvanceMinutes(119);
        var early = await desk.AdvanceAsync();
        var (none, _) = await desk.PullNextAsync(agent);
        clock.AdvanceMinutes(1);
        var due = await desk.AdvanceAsync();
        var again = await desk.AdvanceAsync();
        var (taken, _) = await desk.PullNextAsync(agent);

        Assert.DoesNotContain(early.Events, e => e is TicketOverflowed);
        Assert.Null(none);
        Assert.Equal(new TicketOverflowed(id, clock.GetCurrentInstant(), new TeamId("L3"), general), Assert.Single(due.Events.OfType<TicketOverflowed>()));
        Assert.DoesNotContain(again.Events, e => e is TicketOverflowed);
        Assert.Equal(id, taken);
    }

    [Fact]
    public async Task MoveToGroup_WaitingTicket_OnlyTheTemporaryTeamsMembersMayTakeIt()
    {
        var desk = await NewDeskAsync();
        var member = desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        var outsider = desk.RegisterAgent(new AgentId("A002"), "Wang", new TeamId("L1"), SkillSet.Empty, 5);
        var (id, _) = await desk.RaiseAsync(Request(), "phone");
        var (other, _) = await desk.RaiseAsync(Request(), "phone");
        var task = new TeamId("T-complex");

        var lonely = await desk.MoveToGroupAsync(id, task, "supervisor");
        member.JoinTeam(task);
        var (byOutsider, _) = await desk.PullNextAsync(outsider.Id);
        var (byMember, _) = await desk.PullNextAsync(member.Id);

        Assert.Equal(new TicketMovedToGroup(id, clock.GetCurrentInstant(), new TeamId("L1"), task, "supervisor"), lonely.Events[0]);
        Assert.Contains(lonely.Events, e => e is TicketUnassignable u && u.TicketId == id);
        Assert.Equal(other, byOutsider);
        Assert.Equal(id, byMember);
        await Assert.ThrowsAsync<InvalidOperationException>(() => desk.MoveToGroupAsync(id, new TeamId("L1"), "supervisor"));
    }

    private static TicketRequest Request() => new()
    {
        CustomerId = Acme,
        Description = "系统登录异常",
        Urgency = Urgency.Urgent,
        Type = TicketType.Fault,
    };

    private async Task<ServiceDesk> NewDeskAsync(IRoutingPolicy? routing = null, IDeskEventSubscriber? subscriber = null, TeamId? overflow = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        if (routing is not null)
        {
            services.AddSingleton(routing);
        }

        if (subscriber is not null)
        {
            services.AddSingleton(subscriber);
        }

        services.AddCrmCore(o =>
        {
            o.TicketIdPattern = "WT{yyyyMM}{seq:5}";
            o.Desk.OverflowGroup = overflow;
        });
        var desk = services.BuildServiceProvider().GetRequiredService<ServiceDesk>();
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "A");
        return desk;
    }

    private sealed class FixedRouting(TeamId group, SkillSet skills) : IRoutingPolicy
    {
        public CrmCore.Routing.GroupAssignment Route(TicketView ticket) => new(group, skills);
    }

    private sealed class Sink : IDeskEventSubscriber
    {
        public List<IDomainEvent> Received { get; } = [];

        public ValueTask OnEventsAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
        {
            Received.AddRange(events);
            return ValueTask.CompletedTask;
        }
    }
}
