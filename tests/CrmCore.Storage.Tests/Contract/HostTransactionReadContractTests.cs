using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Routing;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// A read made inside a host's <see cref="IStoreTransactions"/> transaction goes through that transaction's connection: it sees what the
/// transaction wrote and has not committed, and after a rollback that is gone. The queue's two listings (the leased port's
/// <see cref="ITicketQueueStore.LoadAllAsync"/> and the desk's <see cref="IQueueRepository.ListAsync"/>) and the outbox (its read and its
/// mark) on the databases; the in-memory stores cannot roll back.
/// </summary>
public sealed class HostTransactionReadContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task QueueListings_InAHostTransaction_SeeTheEntriesItAdded_AndNotAfterItRollsBack(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var queue = stores.Queue;
        var leased = (ITicketQueueStore)queue;
        var committed = Entry("WT202603001", "L1");
        Assert.True(await queue.AddAsync(committed));

        await using (stores.Transactions.Begin())
        {
            Assert.True(await queue.AddAsync(Entry("WT202603002", "L2"))); // the desk's port
            Assert.True(await leased.EnqueueAsync(Entry("WT202603003", "L1").ToQueued())); // the leased port

            Assert.Equal(["WT202603001", "WT202603002", "WT202603003"], await queue.ListAsync().Select(e => e.TicketId.Value).ToListAsync());
            Assert.Equal(["WT202603001", "WT202603002", "WT202603003"], (await leased.LoadAllAsync()).Select(t => t.Id.Value).Order(StringComparer.Ordinal));
            var added = Assert.Single(await leased.LoadAllAsync(), t => t.Id.Value == "WT202603002");
            Assert.Equal(Entry("WT202603002", "L2").ToQueued(), added);
        }

        var after = (ITicketQueueStore)storage.Desk().Queue;
        Assert.Equal([committed.TicketId], await queue.ListAsync().Select(e => e.TicketId).ToListAsync());
        Assert.Equal([committed.ToQueued()], await leased.LoadAllAsync());
        Assert.Equal([committed.ToQueued()], await after.LoadAllAsync());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task QueueListings_InANestedUnitRolledBack_StopSeeingItsEntry_WhileTheHostsOwnEntryStays(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var queue = stores.Queue;

        await using (var host = stores.Transactions.Begin())
        {
            Assert.True(await queue.AddAsync(Entry("WT202603011", "L1")));
            await using (stores.Transactions.Begin())
            {
                Assert.True(await queue.AddAsync(Entry("WT202603012", "L1")));
                Assert.Equal(2, (await ((ITicketQueueStore)queue).LoadAllAsync()).Count);
            }

            Assert.Equal(["WT202603011"], await queue.ListAsync().Select(e => e.TicketId.Value).ToListAsync());
            await host.CommitAsync();
        }

        Assert.Equal(["WT202603011"], (await ((ITicketQueueStore)storage.Desk().Queue).LoadAllAsync()).Select(t => t.Id.Value));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Outbox_InAHostTransaction_ReadsAndMarksTheEventsOfATicketSavedInIt_AndNothingStaysAfterItRollsBack(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var ticket = Ticket.Open(new TicketId("WT202603021"), new TicketRequest { CustomerId = new CustomerId("C202603001"), Description = "打印机卡纸" },
            new AgentId("A-alice"), "desk", T0);
        Assert.NotEmpty(ticket.DomainEvents);

        await using (stores.Transactions.Begin())
        {
            await stores.Tickets.SaveAsync(ticket.ToState(), 0, ticket.DomainEvents);
            var unpublished = await stores.Outbox.ReadUnpublishedAsync(100);
            Assert.Equal(ticket.DomainEvents.Count, unpublished.Count);
            Assert.All(unpublished, m => Assert.Equal("WT202603021", m.AggregateId));

            Assert.Equal(unpublished.Count, await stores.Outbox.MarkPublishedAsync(unpublished.Select(m => m.Sequence).ToList(), T0));
            Assert.Empty(await stores.Outbox.ReadUnpublishedAsync(100));
        }

        Assert.Empty(await storage.Desk().Outbox.ReadUnpublishedAsync(100));
        Assert.Equal(0, storage.ScalarSql(provider == StoreProvider.Postgres ? "SELECT count(*) FROM {schema}.outbox" : "SELECT count(*) FROM crm_outbox"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Outbox_MarkedInAHostTransactionRolledBack_IsUnpublishedAgain(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        storage.AppendOutbox(("WT1", "TicketCreated", """{"id":"WT1"}""", T0), ("WT2", "TicketCreated", """{"id":"WT2"}""", T0));
        var stores = storage.Desk();
        var before = await stores.Outbox.ReadUnpublishedAsync(10);
        var secondHost = storage.Desk();
        Assert.Equal(2, (await secondHost.Outbox.ReadUnpublishedAsync(10)).Count); // its schema check is done before the transaction takes the lock

        await using (stores.Transactions.Begin())
        {
            Assert.Equal(1, await stores.Outbox.MarkPublishedAsync([before[0].Sequence], T0));
            Assert.Equal(["WT2"], (await stores.Outbox.ReadUnpublishedAsync(10)).Select(m => m.AggregateId));
            Assert.Equal(["WT1", "WT2"], (await secondHost.Outbox.ReadUnpublishedAsync(10)).Select(m => m.AggregateId)); // not committed
        }

        Assert.Equal(["WT1", "WT2"], (await stores.Outbox.ReadUnpublishedAsync(10)).Select(m => m.AggregateId));
    }

    private static QueueEntryState Entry(string id, string team) =>
        new(new TicketId(id), new TeamId(team), 3, T0 + Duration.FromHours(4), [], T0);
}
