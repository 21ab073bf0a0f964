using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The agent and team store, written once and run on the in-memory store, SQLite and PostgreSQL.</summary>
public sealed class AgentStoreContractTests
{
    public static TheoryData<string> Providers => StoreProvider.All();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Agent_SavedAndFound_RestoresSkillsCapacityShiftAvailabilityAndJoinedTeams(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var night = new Shift(new LocalTime(22, 0), new LocalTime(6, 30), IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday);
        var skills = SkillSet.Create(new SkillLevel(Skill.Technical, 3), new SkillLevel(new Skill("Billing"), 1));
        var agent = new Agent(new AgentId("A007"), "王芳", new TeamId("L2"), skills, 4, night);
        agent.SetAvailability(Availability.Away);
        agent.JoinTeam(new TeamId("VIP"));
        agent.JoinTeam(new TeamId("CROSS-1"));
        await storage.Agents().SaveAsync(agent.ToState(1), 0);
        var plain = new Agent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 1);
        await storage.Agents().SaveAsync(plain.ToState(1), 0);

        var found = (await storage.Agents().FindAsync(agent.Id))!;
        var restored = Agent.Restore(found);

        Assert.Equivalent(agent.ToState(1), found, strict: true);
        Assert.Equal(skills, found.Skills);
        Assert.Equal(night, found.Shift);
        Assert.Equal([new TeamId("L2"), new TeamId("VIP"), new TeamId("CROSS-1")], restored.Teams);
        Assert.Equal((Availability.Away, 4, 0), (restored.Availability, restored.Capacity, restored.ActiveCount));
        Assert.True(restored.Shift!.Value.Covers(new LocalDateTime(2026, 3, 7, 2, 0)));
        Assert.Null((await storage.Agents().FindAsync(plain.Id))!.Shift);
        Assert.Empty((await storage.Agents().FindAsync(plain.Id))!.JoinedTeams);
        Assert.Null(await storage.Agents().FindAsync(new AgentId("NONE")));
        Assert.Equal(["A001", "A007"], await storage.Agents().ListAsync().Select(a => a.Id.Value).ToListAsync());
    }

    [Fact]
    public void Agent_EveryDayShift_RoundTripsThroughTheState()
    {
        var agent = new Agent(new AgentId("A1"), "Li", new TeamId("L1"), SkillSet.Empty, 2, new Shift(new LocalTime(9, 0), new LocalTime(18, 0)));

        var restored = Agent.Restore(agent.ToState(3));

        Assert.Equal(agent.Shift, restored.Shift);
        Assert.Equal(3, agent.ToState(3).Version);
        Assert.Throws<ArgumentOutOfRangeException>(() => agent.ToState(0));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Agent_SavedFromAStaleCopy_FailsNamingTheAgent_AndWritesNothing(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var agent = new Agent(new AgentId("A009"), "Zhao", new TeamId("L1"), SkillSet.Empty, 3);
        await storage.Agents().SaveAsync(agent.ToState(1), 0);
        agent.SetAvailability(Availability.Online);
        await storage.Agents().SaveAsync(agent.ToState(2), 1);
        agent.SetAvailability(Availability.Offline);

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => storage.Agents().SaveAsync(agent.ToState(2), 1).AsTask());
        var again = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => storage.Agents().SaveAsync(agent.ToState(1), 0).AsTask());

        Assert.Contains("A009", stale.Message, StringComparison.Ordinal);
        Assert.Contains("A009", again.Message, StringComparison.Ordinal);
        var found = (await storage.Agents().FindAsync(agent.Id))!;
        Assert.Equal((2L, Availability.Online), (found.Version, found.Availability));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Team_Saved_IsListedById_AndASecondSaveReplacesIt(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await storage.Agents().SaveTeamAsync(new Team(new TeamId("L2"), "二线技术支持"));
        await storage.Agents().SaveTeamAsync(new Team(new TeamId("L1"), "一线客服", new TeamId("L2")));
        await storage.Agents().SaveTeamAsync(new Team(new TeamId("X-9"), "临时跨部门小组", isTemporary: true));
        await storage.Agents().SaveTeamAsync(new Team(new TeamId("L1"), "一线客服（白班）", new TeamId("X-9")));

        var teams = await storage.Agents().ListTeamsAsync().ToListAsync();

        Assert.Equal(
            [new Team(new TeamId("L1"), "一线客服（白班）", new TeamId("X-9")), new Team(new TeamId("L2"), "二线技术支持"), new Team(new TeamId("X-9"), "临时跨部门小组", isTemporary: true)],
            teams);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tickets_CountHeldByOwner_CountsPendingInProgressAndWaiting_AsAScanOfTheOpenTicketsDoes_AndARestartedDeskGetsItsSlotsBack(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0));
        using var first = DeskHost.Build(storage, clock, withAgents: true);
        var desk = first.GetRequiredService<ServiceDesk>();
        var (li, wang) = (new AgentId("A001"), new AgentId("A002"));
        await desk.RegisterAgentAsync(li, "Li", new TeamId("L1"), SkillSet.Empty, 5);
        await desk.RegisterAgentAsync(wang, "Wang", new TeamId("L1"), SkillSet.Empty, 5);
        await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        var raised = new List<TicketId>();
        for (var i = 0; i < 6; i++)
        {
            raised.Add((await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "打印机卡纸 " + i }, "phone")).Id);
        }

        var (resolved, _) = await desk.PullNextAsync(li);
        var (waiting, _) = await desk.PullNextAsync(li);
        await desk.PullNextAsync(li);
        await desk.PullNextAsync(wang);
        await desk.StartAsync(resolved!.Value, "Li");
        await desk.ResolveAsync(resolved.Value, "Li", "已更换硒鼓");
        await desk.StartAsync(waiting!.Value, "Li");
        await desk.WaitForCustomerAsync(waiting.Value, "Li", "请提供型号");
        await desk.MarkNoActionNeededAsync(raised[^1], "Li", "重复工单");

        var counted = await storage.Desk().Tickets.CountHeldByOwnerAsync();
        var scanned = await ((ITicketRepository)new ScanOnly(storage.Desk().Tickets)).CountHeldByOwnerAsync();
        using var second = DeskHost.Build(storage, clock, withAgents: true);
        var restarted = second.GetRequiredService<ServiceDesk>();
        await restarted.RestoreAgentsAsync();

        Assert.Equal(new Dictionary<AgentId, int> { [li] = 2, [wang] = 1, [new DeskOptions().QueueOwner] = 1 }, counted);
        Assert.Equal(scanned.OrderBy(p => p.Key.Value, StringComparer.Ordinal), counted.OrderBy(p => p.Key.Value, StringComparer.Ordinal));
        Assert.Equal([(li, 2), (wang, 1)], restarted.Agents.OrderBy(a => a.Id.Value, StringComparer.Ordinal).Select(a => (a.Id, a.ActiveCount)));
    }

    // A store that answers the count with the interface's default: a scan of the open tickets.
    private sealed class ScanOnly(ITicketRepository inner) : ITicketRepository
    {
        public ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default) => inner.SaveAsync(state, expectedVersion, cancellationToken);

        public ValueTask<bool> RescheduleAsync(TicketId id, long version, TicketDueTimes due, CancellationToken cancellationToken = default) => inner.RescheduleAsync(id, version, due, cancellationToken);

        public IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
    }
}
