using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Desk;

/// <summary>The desk's due-time index: <see cref="ServiceDesk.AdvanceAsync"/> reads only the tickets due, and every save keeps the index.</summary>
public class DueIndexTests
{
    private static readonly CustomerId Acme = new("KH0001");

    // Monday 2 March 2026, 10:00 in Shanghai: inside business hours.
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 3, 2, 2, 0));

    [Fact]
    public async Task Advance_ReadsOnlyTheTicketsDue_ATicketNotDueIsNeitherListedNorLookedUp()
    {
        var tickets = new CountingTicketRepository();
        var escalations = new CountingEscalationRepository();
        var desk = await NewDeskAsync(tickets, escalations);
        var (early, _) = await desk.RaiseAsync(Request(), "phone");
        clock.AdvanceMinutes(70);
        var (fresh, _) = await desk.RaiseAsync(Request(), "phone");
        tickets.Listed.Clear();
        escalations.Read.Clear();

        var advanced = await desk.AdvanceAsync();

        Assert.Contains(advanced.Events, e => e is SlaWarningRaised w && w.TicketId == early);
        Assert.All(advanced.Events, e => Assert.Equal(early, e switch
        {
            SlaWarningRaised w => w.TicketId,
            SlaBreached b => b.TicketId,
            TicketEscalated x => x.TicketId,
            _ => default,
        }));
        Assert.Equal([early], tickets.Listed);
        Assert.DoesNotContain(fresh, escalations.Read);
        var due = (await tickets.FindAsync(fresh))!.Due!;
        Assert.True(due.NextAt > clock.GetCurrentInstant());
        Assert.NotNull(due.FirstResponseDueAt);
        Assert.True(due.NextAt <= due.FirstResponseDueAt);
    }

    [Fact]
    public async Task Advance_NothingDue_ListsNoTicket_AndAClosedTicketLeavesTheIndex()
    {
        var tickets = new CountingTicketRepository();
        var desk = await NewDeskAsync(tickets, new CountingEscalationRepository());
        var (id, _) = await desk.RaiseAsync(Request(), "phone");
        await desk.MarkNoActionNeededAsync(id, "lead", "duplicate");
        clock.AdvanceDays(10);
        tickets.Listed.Clear();

        var advanced = await desk.AdvanceAsync();

        Assert.Empty(advanced.Events);
        Assert.Empty(tickets.Listed);
        Assert.Null((await tickets.FindAsync(id))!.Due!.NextAt);
    }

    [Fact]
    public async Task Advance_MovesTheNextDueInstantOn_SoTheSameTicketIsNotReadAgainUntilItsNextStep()
    {
        var tickets = new CountingTicketRepository();
        var desk = await NewDeskAsync(tickets, new CountingEscalationRepository());
        var (id, _) = await desk.RaiseAsync(Request(), "phone");
        var first = (await tickets.FindAsync(id))!.Due!.NextAt!.Value;
        clock.Reset(first);

        await desk.AdvanceAsync();
        var second = (await tickets.FindAsync(id))!.Due!.NextAt!.Value;
        tickets.Listed.Clear();
        await desk.AdvanceAsync();

        Assert.True(second > first);
        Assert.Empty(tickets.Listed);
    }

    [Fact]
    public async Task Reschedule_AfterADueTimeWasLostOutsideTheDesk_PutsTheTicketBackInTheIndex()
    {
        var tickets = new CountingTicketRepository();
        var desk = await NewDeskAsync(tickets, new CountingEscalationRepository());
        var (id, _) = await desk.RaiseAsync(Request(), "phone");
        var state = (await tickets.FindAsync(id))!;
        await tickets.RescheduleAsync(id, state.Version, new TicketDueTimes()); // as if a policy change made nothing pending
        clock.AdvanceMinutes(70);
        var missed = await desk.AdvanceAsync();

        var changed = await desk.RescheduleAsync(Acme);
        var caught = await desk.AdvanceAsync();

        Assert.Empty(missed.Events);
        Assert.Equal(1, changed);
        Assert.Contains(caught.Events, e => e is SlaWarningRaised w && w.TicketId == id);
    }

    [Fact]
    public async Task InMemoryStore_Reschedule_FromAnOlderVersion_WritesNothing()
    {
        var store = new InMemoryTicketRepository();
        var state = Ticket.Open(new TicketId("WT202603001"), Request(), new("queue"), "phone", clock.GetCurrentInstant(), new TicketOptions()).ToState();
        await store.SaveAsync(state with { Due = new TicketDueTimes { NextAt = clock.GetCurrentInstant() } }, 0);

        var stale = await store.RescheduleAsync(state.Id, state.Version - 1, new TicketDueTimes());
        var fresh = await store.RescheduleAsync(state.Id, state.Version, new TicketDueTimes { NextAt = clock.GetCurrentInstant() + Duration.FromHours(1) });

        Assert.False(stale);
        Assert.True(fresh);
        Assert.Empty(await store.ListAsync(new TicketQuery { DueBy = clock.GetCurrentInstant() }).ToListAsync());
        Assert.Single(await store.ListAsync(new TicketQuery { DueBy = clock.GetCurrentInstant() + Duration.FromHours(1) }).ToListAsync());
        Assert.Equal(state.Version, (await store.FindAsync(state.Id))!.Version);
    }

    private static TicketRequest Request() => new()
    {
        CustomerId = Acme,
        Description = "系统登录异常",
        Urgency = Urgency.Urgent,
        Type = TicketType.Fault,
    };

    private async Task<ServiceDesk> NewDeskAsync(ITicketRepository tickets, IEscalationRepository escalations)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddSingleton(tickets);
        services.AddSingleton(escalations);
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        var desk = services.BuildServiceProvider().GetRequiredService<ServiceDesk>();
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "A");
        return desk;
    }

    /// <summary>An in-memory escalation store that records which tickets were looked up.</summary>
    private sealed class CountingEscalationRepository : IEscalationRepository
    {
        private readonly InMemoryEscalationRepository _inner = new();

        public List<TicketId> Read { get; } = [];

        public ValueTask<EscalationState?> FindAsync(TicketId id, CancellationToken cancellationToken = default)
        {
            Read.Add(id);
            return _inner.FindAsync(id, cancellationToken);
        }

        public ValueTask SaveAsync(EscalationState state, long expectedVersion, CancellationToken cancellationToken = default) =>
            _inner.SaveAsync(state, expectedVersion, cancellationToken);
    }
}
