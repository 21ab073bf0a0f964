using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using Npgsql;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// Claims that race: many claimers on one bucket, and (PostgreSQL) tickets another transaction holds locked, including every
/// ticket a claim used to read from a bucket. The order must stay the in-memory queue's over the tickets nobody holds.
/// </summary>
public sealed class QueueClaimRaceContractTests
{
    public static TheoryData<string> Providers => StoreProvider.All();

    // Claimers that together ask for exactly as many tickets as one bucket holds: while a claimer still needs one, at least one
    // waiting ticket is not held by the others, so no claim may come back empty, and every ticket goes out once. Each claimer's
    // own claims come in queue order (no ticket returns to the queue here).
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ManyClaimers_OnOneBucket_EachGetATicketEveryTime_InQueueOrder_AndEveryTicketOnce(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Queue(Duration.FromMinutes(5));
        const int claimers = 16, each = 15;
        var tickets = Enumerable.Range(0, claimers * each)
            .Select(i => new QueuedTicket(new TicketId($"WT-R{i:0000}"), QueueData.Teams[0], 40, QueueData.Start + Duration.FromMinutes(i % 50), SkillSet.Empty, QueueData.Start - Duration.FromSeconds(i)))
            .ToList();
        foreach (var ticket in tickets)
        {
            Assert.True(await store.EnqueueAsync(ticket));
        }

        var reference = new TicketQueue();
        foreach (var ticket in tickets)
        {
            reference.Enqueue(ticket);
        }

        var probe = new Agent(new AgentId("A-order"), "Order", QueueData.Teams[0], SkillSet.Empty, 1_000);
        probe.SetAvailability(Availability.Online);
        var rank = new Dictionary<TicketId, int>();
        while (reference.NextFor(probe, QueueData.Start) is { } next)
        {
            rank[next.Id] = rank.Count;
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, claimers).Select(worker => Task.Run(async () =>
        {
            var agent = new Agent(new AgentId($"R{worker}"), "R", QueueData.Teams[0], SkillSet.Empty, 1_000);
            agent.SetAvailability(Availability.Online);
            var mine = new List<TicketId>();
            for (var i = 0; i < each; i++)
            {
                var lease = await store.ClaimAsync(agent, QueueData.Start);
                Assert.True(lease is not null, $"claim {i + 1} of claimer {worker} came back empty with tickets waiting");
                mine.Add(lease.Ticket.Id);
                Assert.True(await store.CompleteAsync(lease));
            }

            return mine;
        })));

        foreach (var mine in claims)
        {
            Assert.Equal(mine.OrderBy(id => rank[id]), mine);
        }

        Assert.Equal(tickets.Select(t => t.Id).Order(), claims.SelectMany(c => c).Order());
    }

    // Another transaction holds tickets locked (as a claimer does mid-claim): the first six of a bucket whose tickets outrank all
    // others (more than the four heads a claim used to read per bucket, so its seventh must come next) and every waiting ticket of
    // some other buckets. Each claim must then hand out the
    // in-memory queue's choice among the tickets not held; once the holder rolls back, they come back in their places.
    [PostgresFact]
    public async Task OnPostgreSql_TicketsLockedByAnotherTransaction_AreSkipped_AndTheOrderOfTheRestIsTheInMemoryQueues()
    {
        using var storage = StoreProvider.Create(StoreProvider.Postgres);
        var store = storage.Queue(Duration.FromDays(7));
        var tickets = QueueData.Tickets(300, seed: 5);
        tickets.AddRange(Enumerable.Range(0, 12).Select(i => new QueuedTicket(
            new TicketId($"WT-TOP{i:00}"), QueueData.Teams[0], 100_000, QueueData.Start + Duration.FromMinutes(10 * i), SkillSet.Empty, QueueData.Start)));
        var reference = new TicketQueue();
        foreach (var ticket in tickets)
        {
            Assert.True(await store.EnqueueAsync(ticket));
            reference.Enqueue(ticket);
        }

        var now = QueueData.Start + Duration.FromHours(2);
        var held = HeldTickets(tickets);
        var (connectionString, schema) = storage.PostgresTarget;
        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        var transaction = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT count(*) FROM (SELECT 1 FROM {schema}.queue WHERE ticket_id = ANY(@ids) FOR UPDATE) l;", holder, transaction))
        {
            take.Parameters.AddWithValue("ids", held.Select(t => t.Value).ToArray());
            Assert.Equal((long)held.Count, (long)(await take.ExecuteScalarAsync())!);
        }

        foreach (var id in held)
        {
            Assert.True(reference.Remove(id));
        }

        var storeAgents = QueueData.Agents();
        var referenceAgents = QueueData.Agents();
        var claimed = 0;
        for (var i = 0; i < 40; i++)
        {
            var a = i % storeAgents.Count;
            claimed += await QueueStoreContractTests.ClaimsAsExpectedAsync(store, storeAgents[a], now, reference.NextFor(referenceAgents[a], now)) ? 1 : 0;
        }

        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        foreach (var id in held)
        {
            reference.Enqueue(tickets.Single(t => t.Id == id));
        }

        for (var i = 0; i < 40; i++)
        {
            var a = i % storeAgents.Count;
            claimed += await QueueStoreContractTests.ClaimsAsExpectedAsync(store, storeAgents[a], now, reference.NextFor(referenceAgents[a], now)) ? 1 : 0;
        }

        Assert.True(claimed > 60, $"only {claimed} claims were compared");
    }

    // The claim function opens a cursor over the bucket heads; it must close it on every way out, or a second claim in the same
    // transaction (a host claiming inside its own unit of work) fails with "cursor already in use".
    [PostgresFact]
    public async Task OnPostgreSql_TheClaimFunction_CanBeCalledTwiceInOneTransaction()
    {
        using var storage = StoreProvider.Create(StoreProvider.Postgres);
        var store = storage.Queue(Duration.FromDays(7));
        foreach (var ticket in QueueData.Tickets(20, seed: 9).Where(t => t.RequiredSkills.Items.Count == 0 && t.Group == QueueData.Teams[0]))
        {
            Assert.True(await store.EnqueueAsync(ticket));
        }

        var (connectionString, schema) = storage.PostgresTarget;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = (QueueData.Start + Duration.FromHours(2)).ToUnixTimeTicks();
        var claimed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            // The last call finds no second-best ticket for an unknown team: the cursor's other way out (no row).
            var team = i < 2 ? QueueData.Teams[0].Value : "nobody";
            await using var claim = new NpgsqlCommand(
                $"SELECT claimed_id FROM {schema}.queue_claim(@now, @teams, 'T', gen_random_uuid(), @now, '{{}}'::text[], '{{}}'::int[], 28800, 288000000000, 100, 50, 172800)",
                connection, transaction);
            claim.Parameters.AddWithValue("now", now);
            claim.Parameters.AddWithValue("teams", new[] { team });
            if (await claim.ExecuteScalarAsync() is string id)
            {
                claimed.Add(id);
            }
        }

        Assert.Equal(2, claimed.Count);
        Assert.NotEqual(claimed[0], claimed[1]);
        await transaction.RollbackAsync();
    }

    // The first six of the outranking bucket and every ticket of every third bucket of the rest.
    private static List<TicketId> HeldTickets(List<QueuedTicket> tickets)
    {
        var held = tickets.Where(t => t.StaticPriority == 100_000).OrderBy(t => t.Due).Take(6).Select(t => t.Id).ToList();
        held.AddRange(tickets
            .Where(t => t.StaticPriority != 100_000)
            .GroupBy(t => (t.Group, t.StaticPriority, Skills: string.Join(",", t.RequiredSkills.Items.Select(s => $"{s.Skill.Code}:{s.Level}"))))
            .OrderBy(g => g.Key.Group.Value, StringComparer.Ordinal).ThenBy(g => g.Key.StaticPriority).ThenBy(g => g.Key.Skills, StringComparer.Ordinal)
            .Where((_, i) => i % 3 == 0)
            .SelectMany(g => g)
            .Select(t => t.Id));
        return held;
    }
}
