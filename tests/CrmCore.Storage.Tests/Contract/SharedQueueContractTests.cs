using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Routing;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// Several desks on one store share one queue without a restart: each applies the stored queue's changes (<see cref="IQueueRepository.ChangesAsync"/>)
/// before it reads its in-memory queue, so a ticket another desk raised, moved or took is seen at once. Run on the in-memory store (two
/// desks over one repository), one SQLite file and one PostgreSQL schema.
/// </summary>
public sealed class SharedQueueContractTests
{
    private static readonly TeamId L1 = new("L1");
    private static readonly TeamId L2 = new("L2");
    private static readonly CustomerId Customer = new("KH0001");

    public static TheoryData<string> Providers => StoreProvider.All();

    public static TheoryData<string> Databases => StoreProvider.Databases();

    public static TheoryData<string, int> ProvidersAndSeeds()
    {
        var data = new TheoryData<string, int>();
        foreach (var provider in StoreProvider.All())
        {
            foreach (var seed in new[] { 11, 2026 })
            {
                data.Add(provider, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoDesks_ATicketOneRaises_IsPulledByTheOthersAgentAtOnce_AndLeavesTheFirstDesksQueue(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        using var desks = await TwoDesks.StartAsync(storage);
        var (a, b) = (desks.A, desks.B);
        await a.RestoreQueueAsync();
        await b.RestoreQueueAsync();

        var (raised, _) = await a.RaiseAsync(Request("系统登录异常"), "phone");
        var (pulled, _) = await b.PullNextAsync(new AgentId("B001"));
        var (none, _) = await a.PullNextAsync(new AgentId("A001"));

        Assert.Equal(raised, pulled);
        Assert.Null(none);
        Assert.Empty(a.Queue.Snapshot());
        Assert.Empty(b.Queue.Snapshot());
        Assert.Equal(new AgentId("B001"), (await a.ViewAsync(raised)).Ticket.Owner);
        Assert.Equal((0, 1), (a.Agents.Single().ActiveCount, b.Agents.Single().ActiveCount));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoDesks_ATicketOneMovesToAnotherGroup_IsNotPulledByTheOtherUnderTheOldGroup_ButUnderTheNewOne(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        using var desks = await TwoDesks.StartAsync(storage);
        var (a, b) = (desks.A, desks.B);
        b.RegisterAgent(new AgentId("B002"), "Zhao", L2, SkillSet.Empty, 5);
        var (raised, _) = await a.RaiseAsync(Request("打印机卡纸"), "phone");
        Assert.Equal(1, await b.RestoreQueueAsync());

        await a.MoveToGroupAsync(raised, L2, "lead");
        var (underOldGroup, _) = await b.PullNextAsync(new AgentId("B001"));
        var waitingInB = b.Queue.Snapshot().Single();
        var (underNewGroup, _) = await b.PullNextAsync(new AgentId("B002"));

        Assert.Null(underOldGroup);
        Assert.Equal(L2, waitingInB.Group);
        Assert.Equal(raised, underNewGroup);
        Assert.Equal(new AgentId("B002"), (await b.ViewAsync(raised)).Ticket.Owner);
    }

    /// <summary>
    /// A seeded random interleaving of raises, pulls and moves on two desks: every pull takes exactly the ticket a queue rebuilt from the
    /// stored queue at that instant offers the agent (claim order), in the agent's group; then all four agents drain the queue in parallel.
    /// No ticket is taken twice and none is lost.
    /// </summary>
    [Theory]
    [MemberData(nameof(ProvidersAndSeeds))]
    public async Task TwoDesks_RandomInterleavingThenAParallelDrain_TakeEveryTicketOnce_InClaimOrder_AndLoseNone(string provider, int seed)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0));
        using var first = DeskHost.Build(storage, clock);
        using var second = DeskHost.Build(storage, clock);
        var desks = new[] { first.GetRequiredService<ServiceDesk>(), second.GetRequiredService<ServiceDesk>() };
        var agents = new[]
        {
            (Desk: 0, Agent: desks[0].RegisterAgent(new AgentId("A1"), "Li", L1, SkillSet.Empty, 500)),
            (Desk: 0, Agent: desks[0].RegisterAgent(new AgentId("A2"), "Qian", L2, SkillSet.Empty, 500)),
            (Desk: 1, Agent: desks[1].RegisterAgent(new AgentId("B1"), "Wang", L1, SkillSet.Empty, 500)),
            (Desk: 1, Agent: desks[1].RegisterAgent(new AgentId("B2"), "Zhao", L2, SkillSet.Empty, 500)),
        };
        await desks[0].RegisterCustomerAsync(Customer, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        var stored = storage.Desk();
        var random = new Random(seed);
        var raised = new List<TicketId>();
        var taken = new List<(TicketId Id, AgentId By)>();
        var urgencies = new[] { Urgency.General, Urgency.Urgent, Urgency.Major };

        for (var step = 0; step < 60; step++)
        {
            clock.Advance(Duration.FromSeconds(1 + random.Next(90)));
            var desk = desks[random.Next(2)];
            switch (random.Next(10))
            {
                case < 4:
                    raised.Add((await desk.RaiseAsync(Request("工单 " + step) with { Urgency = urgencies[random.Next(urgencies.Length)] }, "phone")).Id);
                    break;
                case < 8:
                    var (index, agent) = agents[random.Next(agents.Length)];
                    var expected = await ExpectedNextAsync(stored.Queue, agent, clock.GetCurrentInstant());
                    var (pulled, _) = await desks[index].PullNextAsync(agent.Id);
                    Assert.Equal(expected, pulled);
                    if (pulled is { } id)
                    {
                        taken.Add((id, agent.Id));
                    }

                    break;
                default:
                    var waiting = await stored.Queue.ListAsync().ToListAsync();
                    if (waiting.Count > 0)
                    {
                        var entry = waiting[random.Next(waiting.Count)];
                        await desk.MoveToGroupAsync(entry.TicketId, entry.Group == L1 ? L2 : L1, "lead");
                    }

                    break;
            }
        }

        var drained = await Task.WhenAll(agents.Select(a => DrainAsync(desks[a.Desk], a.Agent)));
        taken.AddRange(drained.SelectMany(d => d));
        foreach (var (index, agent) in agents)
        {
            Assert.Null((await desks[index].PullNextAsync(agent.Id)).Id);
        }

        Assert.Equal(taken.Count, taken.Select(t => t.Id).Distinct().Count());
        Assert.Equal(raised.Order(), taken.Select(t => t.Id).Order());
        Assert.Empty(await stored.Queue.ListAsync().ToListAsync());
        foreach (var (id, by) in taken)
        {
            Assert.Equal(by, (await desks[0].ViewAsync(id)).Ticket.Owner);
        }

        Assert.All(desks, d => Assert.Empty(d.Queue.Snapshot()));
        Assert.Equal(taken.Count, agents.Sum(a => a.Agent.ActiveCount));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task OneDesk_WritingAlone_DoesNotReadItsOwnChangesBack_ButReadsEveryChangeOfAnotherDesk(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0));
        var stores = storage.Desk();
        var spy = new CountingQueue(stores.Queue);
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        stores.AddTo(services);
        services.AddSingleton<IQueueRepository>(spy);
        services.AddCrmCore();
        using var first = services.BuildServiceProvider();
        using var second = DeskHost.Build(storage, clock);
        var (a, b) = (first.GetRequiredService<ServiceDesk>(), second.GetRequiredService<ServiceDesk>());
        a.RegisterAgent(new AgentId("A001"), "Li", L1, SkillSet.Empty, 5);
        b.RegisterAgent(new AgentId("B001"), "Wang", L1, SkillSet.Empty, 5);
        await a.RegisterCustomerAsync(Customer, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        await a.RestoreQueueAsync();
        await b.RestoreQueueAsync();

        var mine = new List<TicketId>();
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(Duration.FromMinutes(1));
            mine.Add((await a.RaiseAsync(Request("工单 " + i), "phone")).Id);
        }

        var (pulledOwn, _) = await a.PullNextAsync(new AgentId("A001"));
        var ownReadBack = spy.ChangesRead;
        clock.Advance(Duration.FromMinutes(1));
        var (theirs, _) = await b.RaiseAsync(Request("别的坐席的工单") with { Urgency = Urgency.Major }, "phone");
        await b.MoveToGroupAsync(mine[2], L2, "lead");
        var (pulledTheirs, _) = await a.PullNextAsync(new AgentId("A001"));

        Assert.Equal(0, ownReadBack);
        Assert.Equal(mine[0], pulledOwn);
        Assert.Equal(2, spy.ChangesRead); // B's raise and B's move, each once
        Assert.Equal(theirs, pulledTheirs);
        Assert.Equal([mine[1]], a.Queue.Snapshot().Where(t => t.Group == L1).Select(t => t.Id));
        Assert.Equal(L2, a.Queue.Snapshot().Single(t => t.Id == mine[2]).Group);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoDesks_OneFallenBehindThePrunedChanges_RebuildsItsQueue_AndPullsInClaimOrder(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        storage.QueueChangeRetention = 4;
        using var desks = await TwoDesks.StartAsync(storage);
        var (a, b) = (desks.A, desks.B);
        await a.RestoreQueueAsync();
        await b.RestoreQueueAsync();
        var stored = storage.Desk().Queue;
        var raised = new List<TicketId>();
        for (var i = 0; i < 12; i++)
        {
            raised.Add((await a.RaiseAsync(Request("工单 " + i) with { Urgency = i % 3 == 0 ? Urgency.Urgent : Urgency.General }, "phone")).Id);
        }

        await a.MoveToGroupAsync(raised[5], L2, "lead");
        var (takenByA, _) = await a.PullNextAsync(new AgentId("A001"));
        var last = await stored.LastChangeAsync();
        var expected = await ExpectedNextAsync(stored, b.Agents.Single(), Instant.FromUtc(2026, 3, 2, 2, 0));

        var pruned = await Assert.ThrowsAsync<QueueChangesPrunedException>(async () => await stored.ChangesAsync(0).ToListAsync());
        Assert.InRange(pruned.PrunedThrough, 1, last - 4);
        Assert.Equal(2, (await stored.ChangesAsync(last - 2).ToListAsync()).Count);
        var (pulledByB, _) = await b.PullNextAsync(new AgentId("B001"));

        Assert.NotNull(takenByA);
        Assert.Equal(expected, pulledByB);
        var waiting = await stored.ListAsync().Select(e => e.ToQueued()).ToListAsync();
        Assert.Equal(waiting.OrderBy(t => t.Id.Value), b.Queue.Snapshot().OrderBy(t => t.Id.Value));
        Assert.Equal(10, waiting.Count);
        Assert.Equal(L2, waiting.Single(t => t.Id == raised[5]).Group);
    }

    // What a queue rebuilt from the stored queue offers the agent now: the claim order of the issue, which the desk must follow.
    private static async Task<TicketId?> ExpectedNextAsync(IQueueRepository stored, Agent agent, Instant now)
    {
        var queue = new TicketQueue();
        await foreach (var entry in stored.ListAsync())
        {
            queue.Enqueue(entry.ToQueued());
        }

        var probe = new Agent(agent.Id, agent.Name, agent.Team, agent.Skills, agent.Capacity);
        probe.SetAvailability(Availability.Online);
        return queue.NextFor(probe, now)?.Id;
    }

    private static async Task<List<(TicketId Id, AgentId By)>> DrainAsync(ServiceDesk desk, Agent agent)
    {
        var taken = new List<(TicketId, AgentId)>();
        while ((await desk.PullNextAsync(agent.Id)).Id is { } id)
        {
            taken.Add((id, agent.Id));
        }

        return taken;
    }

    private static TicketRequest Request(string description) => new() { CustomerId = Customer, Description = description };

    // The desk's queue store, counting the changes it hands back.
    private sealed class CountingQueue(IQueueRepository inner) : IQueueRepository
    {
        public int ChangesRead { get; private set; }


        public bool ChangesLockedUntilCommit => inner.ChangesLockedUntilCommit;

        public ValueTask<bool> AddAsync(QueueEntryState entry, CancellationToken cancellationToken = default) => inner.AddAsync(entry, cancellationToken);

        public ValueTask<bool> UpdateAsync(QueueEntryState entry, CancellationToken cancellationToken = default) => inner.UpdateAsync(entry, cancellationToken);

        public ValueTask<bool> RemoveAsync(TicketId id, CancellationToken cancellationToken = default) => inner.RemoveAsync(id, cancellationToken);

        public IAsyncEnumerable<QueueEntryState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public ValueTask<long> LastChangeAsync(CancellationToken cancellationToken = default) => inner.LastChangeAsync(cancellationToken);

        public async IAsyncEnumerable<QueueChange> ChangesAsync(long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var change in inner.ChangesAsync(after, cancellationToken))
            {
                ChangesRead++;
                yield return change;
            }
        }
    }

    // Two desk hosts on one store: agent A001 (group L1) on desk A, B001 (L1) on desk B, and the customer registered.
    private sealed class TwoDesks : IDisposable
    {
        private readonly ServiceProvider _first;
        private readonly ServiceProvider _second;

        private TwoDesks(ServiceProvider first, ServiceProvider second)
        {
            (_first, _second) = (first, second);
            (A, B) = (first.GetRequiredService<ServiceDesk>(), second.GetRequiredService<ServiceDesk>());
        }

        public ServiceDesk A { get; }

        public ServiceDesk B { get; }

        public static async Task<TwoDesks> StartAsync(StoreProvider storage)
        {
            var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0));
            var desks = new TwoDesks(DeskHost.Build(storage, clock), DeskHost.Build(storage, clock));
            desks.A.RegisterAgent(new AgentId("A001"), "Li", L1, SkillSet.Empty, 5);
            desks.B.RegisterAgent(new AgentId("B001"), "Wang", L1, SkillSet.Empty, 5);
            await desks.A.RegisterCustomerAsync(Customer, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
            return desks;
        }

        public void Dispose()
        {
            _first.Dispose();
            _second.Dispose();
        }
    }
}
