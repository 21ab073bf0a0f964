using CrmCore.Agents;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Tickets;
using Npgsql;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The audit trail's chains on every provider: checkpoints catch deleted newest records, parallel saves all land and verify,
/// and on PostgreSQL a save waits only for writers of its own chain.</summary>
public sealed class AuditChainContractTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 30);

    public static TheoryData<string> Providers => StoreProvider.All();

    public static TheoryData<string> Databases => StoreProvider.Databases();

    private static AuditEntry Entry(string entity, int i) => new(At + Duration.FromSeconds(i), "li.na", AuditAction.Update, AuditEntityTypes.Customer, entity)
    {
        Field = "tier",
        NewValue = "A" + i,
    };

    /// <summary>An entity id whose records go to <paramref name="chain"/> (or, with <paramref name="not"/>, anywhere else).</summary>
    private static string EntityIn(int chain, bool not = false) =>
        Enumerable.Range(0, 10_000).Select(i => "KH" + i).First(id => (AuditChain.ChainOf(Entry(id, 0)) == chain) != not);

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DeletingTheNewestRecords_IsCaughtByTheCheckpoint_ThoughTheChainsStillLink(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await storage.Audit().AppendAsync([.. Enumerable.Range(1, 9).Select(i => Entry("KH000" + (i % 4), i))]);
        var checkpoint = (await AuditChain.VerifyAsync(storage.Audit())).Checkpoint!.ToString();
        var newest = (await storage.Audit().QueryAsync(new AuditQuery()))[^1];

        storage.ExecuteSql($"DELETE FROM {storage.AuditTable} WHERE sequence = {newest.Sequence};");

        Assert.True((await AuditChain.VerifyAsync(storage.Audit())).IsIntact);
        var result = await AuditChain.VerifyAsync(storage.Audit(), AuditCheckpoint.Parse(checkpoint));
        Assert.Equal(newest.Sequence, result.BrokenAt);
        Assert.Contains("newest records were deleted", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ParallelSavesOfDifferentTickets_AllLand_AndEveryChainVerifies(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        const int Writers = 12;
        var t0 = Instant.FromUtc(2026, 3, 2, 9, 0);
        await Task.WhenAll(Enumerable.Range(1, Writers).Select(w => Task.Run(async () =>
        {
            var tickets = storage.Desk().Tickets;
            var ticket = Ticket.Open(
                new TicketId($"WT2026030{w:D2}"),
                new TicketRequest { CustomerId = new CustomerId("KH" + w), Description = "打印机卡纸", Urgency = Urgency.General },
                new AgentId("agent" + w),
                "desk",
                t0);
            await tickets.SaveAsync(ticket.ToState(), 0, ticket.DomainEvents);
            ticket.ClearDomainEvents();
            ticket.Start(t0 + Duration.FromMinutes(w), "agent" + w);
            await tickets.SaveAsync(ticket.ToState(), 1, ticket.DomainEvents);
        })));

        var records = await storage.Audit().QueryAsync(new AuditQuery { EntityType = AuditEntityTypes.Ticket });
        Assert.Equal(Writers * 2, records.Count);
        Assert.All(records.GroupBy(r => r.Entry.EntityId), g => Assert.Equal([AuditAction.Create, AuditAction.StatusChange], g.Select(r => r.Entry.Action)));
        var verification = await AuditChain.VerifyAsync(storage.Audit());
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(Writers * 2, verification.Verified);
        Assert.True(verification.Checkpoint!.Heads.Count > 1, "twelve tickets should spread over more than one chain");
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task ABatchOfNewTickets_AuditsEachOnce_InTicketOrder_AndEveryChainVerifies(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var t0 = Instant.FromUtc(2026, 3, 2, 9, 0);
        await storage.Audit().AppendAsync([Entry("KH0", 0)]);
        var batch = Enumerable.Range(1, 40).Select(i =>
        {
            var ticket = Ticket.Open(
                new TicketId($"WT20260302{i:D3}"),
                new TicketRequest { CustomerId = new CustomerId("KH" + i), Description = "打印机卡纸", Urgency = Urgency.General },
                new AgentId("agent1"),
                "import",
                t0 + Duration.FromSeconds(i));
            return (ticket.ToState(), (IReadOnlyList<IDomainEvent>)ticket.DomainEvents);
        }).ToList();

        await storage.SaveNewTicketsAsync(batch);

        var records = await storage.Audit().QueryAsync(new AuditQuery { EntityType = AuditEntityTypes.Ticket });
        Assert.Equal(batch.Select(b => b.Item1.Id.Value), records.Select(r => r.Entry.EntityId));
        Assert.All(records, r => Assert.Equal(AuditAction.Create, r.Entry.Action));
        var verification = await AuditChain.VerifyAsync(storage.Audit());
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(41, verification.Verified);
        Assert.True(verification.Checkpoint!.Heads.Count > 1, "forty tickets should spread over more than one chain");
    }

    [PostgresFact]
    public async Task OnPostgreSql_AWriterWaitsOnlyForItsOwnChain()
    {
        using var storage = StoreProvider.Create(StoreProvider.Postgres);
        var audit = storage.Audit();
        await audit.AppendAsync([Entry("KH0", 0)]);
        var (connectionString, schema) = storage.PostgresTarget;
        var held = AuditChain.ChainOf(Entry(EntityIn(5), 0));

        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock(hashtext('{schema}.audit_log'), {held});", holder, transaction))
        {
            await take.ExecuteNonQueryAsync();
        }

        // Another chain's append completes while chain 5 is held (before this design, every append waited for a table lock).
        var other = await audit.AppendAsync([Entry(EntityIn(held, not: true), 1)]).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.NotEqual(held, Assert.Single(other).Chain);

        // The same chain's append waits for the holder: it shows up as an ungranted advisory lock until the holder commits.
        var same = audit.AppendAsync([Entry(EntityIn(held), 2)]);
        await using (var waiting = new NpgsqlConnection(connectionString))
        {
            await waiting.OpenAsync();
            long blocked = 0;
            for (var attempt = 0; attempt < 1200 && blocked == 0; attempt++)
            {
                await using var probe = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objsubid = 2 AND objid = " + held +
                    $" AND classid = ((hashtext('{schema}.audit_log')::bigint + 4294967296) % 4294967296)::oid;",
                    waiting);
                blocked = (long)(await probe.ExecuteScalarAsync())!;
                if (blocked == 0)
                {
                    await Task.Delay(50);
                }
            }

            Assert.Equal(1, blocked);
        }

        Assert.False(same.IsCompleted);
        await transaction.CommitAsync();
        Assert.Equal(held, Assert.Single(await same.WaitAsync(TimeSpan.FromMinutes(2))).Chain);
        Assert.True((await AuditChain.VerifyAsync(audit)).IsIntact);
    }
}
