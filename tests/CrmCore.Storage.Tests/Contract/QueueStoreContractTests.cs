using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The queue contract, written once and run on every provider.</summary>
public sealed class QueueStoreContractTests
{
    private static readonly Duration Lease = Duration.FromMinutes(5);

    public static TheoryData<string> Providers => StoreProvider.All();

    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Claim_AtSeveralInstants_FollowsTheInMemoryQueueOrder(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Queue(Duration.FromDays(7));
        var reference = new TicketQueue();
        foreach (var ticket in QueueData.Tickets(400, seed: 7))
        {
            Assert.True(await store.EnqueueAsync(ticket));
            reference.Enqueue(ticket);
        }

        var storeAgents = QueueData.Agents();
        var referenceAgents = QueueData.Agents();
        var claimed = 0;
        // Instants from a day before to two days after the start: every piece of the SLA term (none, rising, overdue, capped) is hit.
        foreach (var offset in new[] { -24, 0, 5, 7.99, 30, 60 })
        {
            var now = QueueData.Start + Duration.FromMinutes(offset * 60);
            for (var i = 0; i < 30; i++)
            {
                var a = i % storeAgents.Count;
                var expected = reference.NextFor(referenceAgents[a], now);
                claimed += await ClaimsAsExpectedAsync(store, storeAgents[a], now, expected) ? 1 : 0;
            }
        }

        Assert.True(claimed > 100, $"only {claimed} claims were compared");
    }

    // The SLA term's settings are fixed per store (PostgreSQL writes them into the claim's text): other values than the defaults
    // must rank exactly as the in-memory queue with the same settings does.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Claim_WithOtherSlaTermSettings_FollowsTheInMemoryQueueOrder(string provider)
    {
        var term = new SlaTermOptions
        {
            Horizon = Duration.FromHours(3),
            PointsAtDue = 40,
            OverduePointsPerHour = 400,
            OverdueCap = Duration.FromHours(5),
        };
        using var storage = StoreProvider.Create(provider);
        var store = storage.Queue(Duration.FromDays(7), term);
        var reference = new TicketQueue(new SlaTerm(term));
        var defaults = new TicketQueue();
        foreach (var ticket in QueueData.Tickets(300, seed: 11))
        {
            Assert.True(await store.EnqueueAsync(ticket));
            reference.Enqueue(ticket);
            defaults.Enqueue(ticket);
        }

        var storeAgents = QueueData.Agents();
        var referenceAgents = QueueData.Agents();
        var defaultAgents = QueueData.Agents();
        var (claimed, differFromDefaults) = (0, 0);
        foreach (var offset in new[] { -12, 0, 2, 4, 9, 30 })
        {
            var now = QueueData.Start + Duration.FromMinutes(offset * 60);
            for (var i = 0; i < 25; i++)
            {
                var a = i % storeAgents.Count;
                var expected = reference.NextFor(referenceAgents[a], now);
                // What the default settings would hand out: put back, and take out what was really claimed instead.
                var byDefaults = defaults.NextFor(defaultAgents[a], now);
                if (byDefaults?.Id != expected?.Id)
                {
                    differFromDefaults++;
                    if (byDefaults is { } other)
                    {
                        defaults.Enqueue(other);
                    }

                    if (expected is { } taken)
                    {
                        Assert.True(defaults.Remove(taken.Id));
                    }
                }

                claimed += await ClaimsAsExpectedAsync(store, storeAgents[a], now, expected) ? 1 : 0;
            }
        }

        Assert.True(claimed > 80, $"only {claimed} claims were compared");
        Assert.True(differFromDefaults > 0, "the settings never changed the order, so the test cannot tell them from the defaults");
    }

    // The claim-order comparison at the edges of the SLA term, where a tick changes the score: a term in which every second counts
    // (the horizon is 60 s and each second nearer the due time is worth 100 points, each second overdue 1 point up to a 30 s cap),
    // tickets due one tick and one second either side of the horizon, of the due time and of the cap, with static priorities that
    // make those differences decide the order.
    [Theory]
    [MemberData(nameof(Providers))]
    public Task Claim_AtTheEdgesOfTheSlaTerm_FollowsTheInMemoryQueueOrder(string provider) => ClaimAtTheEdgesAsync(
        provider,
        new SlaTermOptions
        {
            Horizon = Duration.FromSeconds(60),
            PointsAtDue = 6_000,
            OverduePointsPerHour = 3_600,
            OverdueCap = Duration.FromSeconds(30),
        },
        [Duration.FromSeconds(60), Duration.Zero, Duration.FromSeconds(-30)],
        [0, 50, 100, 6_000]);

    // The same at the edges of a term set to the nanosecond: horizon and cap 366 days less a nanosecond, which count as 31,622,399
    // whole seconds (a double of the seconds is one more). Each second inside the horizon is worth about 31.6 points and each second
    // overdue one point, so static priorities 0, 20 and 40 interleave with the tickets one second and one tick either side of each edge.
    [Theory]
    [MemberData(nameof(Providers))]
    public Task Claim_AtTheEdgesOfASlaTermSetToTheNanosecond_FollowsTheInMemoryQueueOrder(string provider)
    {
        var longest = SlaTermOptions.MaxDuration - Duration.FromNanoseconds(1);
        var seconds = Duration.FromSeconds((366L * 86_400) - 1);
        return ClaimAtTheEdgesAsync(
            provider,
            new SlaTermOptions { Horizon = longest, PointsAtDue = SlaTermOptions.MaxPoints, OverduePointsPerHour = 3_600, OverdueCap = longest },
            [seconds, seconds - Duration.FromSeconds(1), Duration.Zero, -seconds],
            [0, 20, 40]);
    }

    // Enqueues tickets due one second and one tick either side of each edge (due − now) with each static priority, in the store and
    // in the in-memory queue, and claims them all: the store hands them out in the in-memory order.
    private static async Task ClaimAtTheEdgesAsync(string provider, SlaTermOptions term, Duration[] edges, long[] statics)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Queue(Duration.FromDays(7), term);
        var reference = new TicketQueue(new SlaTerm(term));
        var now = QueueData.Start + Duration.FromTicks(1_234_567);
        var team = QueueData.Teams[0];
        var n = 0;
        foreach (var edge in edges)
        {
            foreach (var step in new[] { Duration.FromSeconds(1), Duration.FromTicks(1), Duration.Zero, Duration.FromTicks(-1), Duration.FromSeconds(-1) })
            {
                foreach (var staticPriority in statics)
                {
                    var ticket = new QueuedTicket(new TicketId($"WT-EDGE-{n++:000}"), team, staticPriority, now + edge + step, SkillSet.Empty, QueueData.Start);
                    Assert.True(await store.EnqueueAsync(ticket));
                    reference.Enqueue(ticket);
                }
            }
        }

        var storeAgent = QueueData.Agents()[4]; // team billing, no skills
        var referenceAgent = QueueData.Agents()[4];
        var claimed = 0;
        while (await ClaimsAsExpectedAsync(store, storeAgent, now, reference.NextFor(referenceAgent, now)))
        {
            claimed++;
        }

        Assert.Equal(n, claimed);
    }

    // Claims for the agent, asserts the store handed out exactly the expected ticket (or none), and completes the lease; true when
    // a ticket was claimed.
    internal static async Task<bool> ClaimsAsExpectedAsync(ITicketQueueStore store, Agent agent, Instant now, QueuedTicket? expected)
    {
        var lease = await store.ClaimAsync(agent, now);
        Assert.Equal(expected?.Id, lease?.Ticket.Id);
        if (lease is null)
        {
            return false;
        }

        Assert.Equal(expected, lease.Ticket);
        Assert.True(await store.CompleteAsync(lease));
        return true;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Claim_ByParallelClaimers_HandsEveryTicketOutExactlyOnce(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Queue(Lease);
        var tickets = QueueData.Tickets(300, seed: 3);
        foreach (var ticket in tickets)
        {
            await store.EnqueueAsync(ticket);
        }

        var now = QueueData.Start;
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var agent = new Agent(new AgentId($"P{worker}"), "P", QueueData.Teams[2], SkillSet.Create(
                new SkillLevel(Skill.Technical, 5), new SkillLevel(Skill.Complaints, 5), new SkillLevel(Skill.Billing, 5)), 1_000);
            agent.JoinTeam(QueueData.Teams[0]);
            agent.JoinTeam(QueueData.Teams[1]);
            agent.SetAvailability(Availability.Online);
            var mine = new List<TicketId>();
            while (await store.ClaimAsync(agent, now) is { } lease)
            {
                mine.Add(lease.Ticket.Id);
                Assert.True(await store.CompleteAsync(lease));
            }

            return mine;
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(tickets.Count, all.Count);
        Assert.Equal(tickets.Select(t => t.Id).Order(), all.Order());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lease_NotCompleted_ReturnsToTheQueueWhenItExpires(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Queue(Lease);
        var ticket = new QueuedTicket(new TicketId("WT1"), QueueData.Teams[0], 10, QueueData.Start, null, QueueData.Start);
        await store.EnqueueAsync(ticket);
        var agents = QueueData.Agents();

        var first = await store.ClaimAsync(agents[0], QueueData.Start);
        Assert.NotNull(first);
        Assert.Equal(QueueData.Start + Lease, first.ExpiresAt);
        Assert.Null(await store.ClaimAsync(agents[3], QueueData.Start + Lease - Duration.FromSeconds(1)));
        Assert.False(await store.EnqueueAsync(ticket));

        var second = await store.ClaimAsync(agents[3], QueueData.Start + Lease);
        Assert.NotNull(second);
        Assert.Equal(ticket, second.Ticket);
        Assert.NotEqual(first.Token, second.Token);
        Assert.False(await store.CompleteAsync(first));
        Assert.False(await store.ReleaseAsync(first));
        Assert.True(await store.CompleteAsync(second));
        Assert.Empty(await store.LoadAllAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lease_IssuedByAnotherInstance_ComesBackAtItsTime_ToAnInstanceThatReapedBeforeItExisted(string provider)
    {
        // A (lease 1 s, the shortest allowed) and B (30 min) are two instances on one queue; the in-memory store has one instance.
        using var storage = StoreProvider.Create(provider);
        var a = storage.Queue(Duration.FromSeconds(1));
        var b = storage.Queue(Duration.FromMinutes(30));
        var (x, y) = (new TeamId("x"), new TeamId("y"));
        await a.EnqueueAsync(new QueuedTicket(new TicketId("WT-X"), x, 10, null, null, QueueData.Start));
        await a.EnqueueAsync(new QueuedTicket(new TicketId("WT-Y"), y, 10, null, null, QueueData.Start));
        await a.EnqueueAsync(new QueuedTicket(new TicketId("WT-Y-SKILLED"), y, 90, null, SkillSet.Of(Skill.Billing), QueueData.Start));
        Agent Online(string id, TeamId team)
        {
            var agent = new Agent(new AgentId(id), id, team, SkillSet.Empty, 5);
            agent.SetAvailability(Availability.Online);
            return agent;
        }

        // B claims first: it has reaped and read the earliest lease (its own, 30 min away) before A's lease exists.
        Assert.Equal("WT-X", (await b.ClaimAsync(Online("B-x", x), QueueData.Start))?.Ticket.Id.Value);
        var held = await a.ClaimAsync(Online("A-y", y), QueueData.Start + Duration.FromMilliseconds(500));
        Assert.Equal("WT-Y", held?.Ticket.Id.Value);

        var byB = Online("B-y", y);
        Assert.Null(await b.ClaimAsync(byB, QueueData.Start + Duration.FromMilliseconds(1200))); // A's lease runs to 1.5 s; the skilled one is not B's
        var back = await b.ClaimAsync(byB, QueueData.Start + Duration.FromMilliseconds(1500));
        Assert.Equal("WT-Y", back?.Ticket.Id.Value);
        Assert.False(await a.CompleteAsync(held!));
        Assert.True(await b.CompleteAsync(back!));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Release_PutsTheTicketBackInItsPlace(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Queue(Lease);
        var early = new QueuedTicket(new TicketId("WT1"), QueueData.Teams[0], 10, QueueData.Start, null, QueueData.Start);
        var late = new QueuedTicket(new TicketId("WT2"), QueueData.Teams[0], 10, QueueData.Start + Duration.FromHours(9), null, QueueData.Start);
        await store.EnqueueAsync(late);
        await store.EnqueueAsync(early);
        var agent = QueueData.Agents()[0];

        var lease = await store.ClaimAsync(agent, QueueData.Start);
        Assert.Equal(early.Id, lease!.Ticket.Id);
        Assert.True(await store.ReleaseAsync(lease));
        Assert.Equal(early.Id, (await store.ClaimAsync(agent, QueueData.Start))!.Ticket.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Claim_WithNothingEligible_ReturnsNullAndKeepsTheAgentsLoad(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Queue(Lease);
        await store.EnqueueAsync(new QueuedTicket(new TicketId("WT1"), QueueData.Teams[1], 10, null, SkillSet.Create(new SkillLevel(Skill.Technical, 3)), QueueData.Start));
        var agents = QueueData.Agents();

        Assert.Null(await store.ClaimAsync(agents[0], QueueData.Start)); // wrong team
        Assert.Null(await store.ClaimAsync(agents[2], QueueData.Start)); // level 1 of 3
        Assert.Equal(0, agents[0].ActiveCount);
        Assert.Equal(0, agents[2].ActiveCount);
        Assert.NotNull(await store.ClaimAsync(agents[1], QueueData.Start));
        Assert.Equal(1, agents[1].ActiveCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LoadAll_ReturnsEveryQueuedTicketAsEnqueued(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var tickets = QueueData.Tickets(200, seed: 11);
        var store = storage.Queue(Lease);
        foreach (var ticket in tickets)
        {
            await store.EnqueueAsync(ticket);
        }

        Assert.True(await store.RemoveAsync(tickets[0].Id));
        Assert.False(await store.RemoveAsync(tickets[0].Id));
        var leased = await store.ClaimAsync(QueueData.Agents()[3], QueueData.Start);

        // A database store seen by a second instance (or after a restart) holds the same tickets.
        var reopened = storage.Persists ? storage.Queue(Lease) : store;
        var loaded = await reopened.LoadAllAsync();
        Assert.Equal(tickets.Skip(1).OrderBy(t => t.Id), loaded.OrderBy(t => t.Id));
        Assert.Contains(leased!.Ticket, loaded);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Claim_FromASecondInstance_SeesBucketsTheFirstCreated(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var first = storage.Queue(Lease);
        var second = storage.Queue(Lease);
        await second.LoadAllAsync(); // warm the second instance's bucket cache before the bucket exists
        var ticket = new QueuedTicket(new TicketId("WT9"), new TeamId("new-team"), 5, null, SkillSet.Of(Skill.PreSales), QueueData.Start);
        await first.EnqueueAsync(ticket);
        var agent = new Agent(new AgentId("N"), "N", new TeamId("new-team"), SkillSet.Of(Skill.PreSales), 3);
        agent.SetAvailability(Availability.Online);

        var lease = await second.ClaimAsync(agent, QueueData.Start);
        Assert.Equal(ticket, lease?.Ticket);
    }
}
