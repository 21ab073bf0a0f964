using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Relationships;
using CrmCore.Relationships.Events;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using CrmCore.Testing;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// The desk's advance runs all or nothing on both databases, its contact-plan step included: no savepoint is sent, a plan entry that
/// another writer changed meanwhile is left to the next advance while the entries around it are reminded and committed (the conflict is
/// found without a failed statement, so PostgreSQL's transaction is not aborted by it), and any other store failure rolls the whole
/// advance back, with a failing clean-up attached to the failure, never instead of it. A pull whose ticket save fails leaves the queue
/// row it removed in the store.
/// </summary>
public sealed class PlanAdvanceTransactionContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0); // Monday 10:00 in Shanghai
    private static readonly CustomerId Acme = new("KH0001");
    private static readonly AgentId Li = new("A001");

    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Advance_WithAPlanEntryChangedMeanwhile_SendsNoSavepoint_RemindsTheOthers_AndLeavesThatOneToTheNextAdvance(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var racing = new RacingPlans(stores.Plans!, new PlanEntryId("m-2"), e => e with { Status = PlanStatus.InProgress, StartedAt = T0 });
        var clock = new FakeClock(T0);
        await using var services = Services(stores, clock, racing);
        var desk = services.GetRequiredService<ServiceDesk>();
        await RegisterCustomerAsync(desk);
        foreach (var (id, hours) in new[] { ("m-1", 3), ("m-2", 2), ("m-3", 1) })
        {
            await stores.Plans!.SaveAsync(Entry(id, T0 - Duration.FromHours(hours)), 0);
        }

        var before = Savepoints(stores.Transactions);
        var first = await desk.AdvanceAsync();
        var sent = Savepoints(stores.Transactions) - before;
        var second = await desk.AdvanceAsync();

        Assert.True(racing.Raced);
        Assert.Equal(0, sent);
        Assert.Equal(["m-1", "m-3"], first.Events.Cast<ContactPlanEntryBecameDue>().Select(e => e.Entry.Value));
        var stored = (await storage.Plans().ListAsync(ContactPlanQuery.All).ToListAsync()).ToDictionary(e => e.Id.Value);
        Assert.True(stored["m-1"].DueRaised && stored["m-3"].DueRaised);
        Assert.Equal(PlanStatus.InProgress, stored["m-2"].Status); // the other writer's change, committed with the advance
        Assert.Equal("m-2", Assert.IsType<ContactPlanEntryBecameDue>(Assert.Single(second.Events)).Entry.Value);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Advance_WhosePlanSaveFails_AfterItsTicketWrites_RollsBackEverything_AndKeepsTheFailureWithTheCleanUpFailure(string provider)
    {
        var diskGone = new IOException("disk gone");
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var failing = true;
        var plans = new FailingWritePlans(stores.Plans!, _ => failing ? diskGone : null);
        var cleanup = new InvalidOperationException("clean-up failed");
        var transactions = new FailingCleanUpTransactions(cleanup, stores.Transactions);
        var clock = new FakeClock(T0);
        await using var services = Services(stores with { Transactions = transactions }, clock, plans);
        var desk = services.GetRequiredService<ServiceDesk>();
        await RegisterCustomerAsync(desk);
        var (ticket, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = Acme, Description = "打印机卡纸", Urgency = Urgency.Urgent, Type = TicketType.Fault }, "phone");
        var entry = Entry("m-1", T0 + Duration.FromHours(1));
        await stores.Plans!.SaveAsync(entry, 0);
        clock.AdvanceDays(2); // the ticket's SLA clocks warned and breached: the advance writes its marks, due times and queue entry first
        var (savedTicket, queued, outbox) = (await TicketAsync(stores, ticket), await QueueAsync(stores), await stores.Outbox.ReadUnpublishedAsync(1000));
        var disposals = transactions.Disposals;

        var error = await Assert.ThrowsAsync<IOException>(() => desk.AdvanceAsync());

        Assert.Same(diskGone, error);
        Assert.Same(cleanup, Assert.Single((Exception[])error.Data[StoreTransactionFailures.DataKey]!));
        Assert.Equal(1, transactions.Disposals - disposals);
        Assert.Null(await stores.Escalations.FindAsync(ticket));
        Assert.Equal(savedTicket, await TicketAsync(stores, ticket));
        Assert.Equal(queued, await QueueAsync(stores));
        Assert.Equal(outbox.Count, (await stores.Outbox.ReadUnpublishedAsync(1000)).Count);
        Assert.Equal(entry, await stores.Plans.FindAsync(entry.Id));

        failing = false;
        var events = (await desk.AdvanceAsync()).Events;
        Assert.Contains(events, e => e is SlaWarningRaised);
        Assert.Contains(events, e => e is ContactPlanEntryBecameDue due && due.Entry == entry.Id);
        Assert.NotNull(await stores.Escalations.FindAsync(ticket));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task PullNext_WhoseTicketSaveFails_KeepsTheStoredQueueRow_AndKeepsTheFailureWithTheCleanUpFailure(string provider)
    {
        var diskGone = new IOException("disk gone");
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var failing = true;
        var cleanup = new InvalidOperationException("clean-up failed");
        var transactions = new FailingCleanUpTransactions(cleanup, stores.Transactions);
        var clock = new FakeClock(T0);
        await using var services = Services(stores with { Transactions = transactions }, clock, stores.Plans!,
            new FailingWriteTickets(stores.Tickets, (state, _) => failing && state.Owner == Li ? diskGone : null));
        var desk = services.GetRequiredService<ServiceDesk>();
        desk.RegisterAgent(Li, "李工", new TeamId("L1"), SkillSet.Empty, 5);
        await RegisterCustomerAsync(desk);
        var (ticket, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = Acme, Description = "打印机卡纸", Urgency = Urgency.General, Type = TicketType.Fault }, "phone");
        var (savedTicket, queued) = (await TicketAsync(stores, ticket), await QueueAsync(stores));
        var disposals = transactions.Disposals;

        var error = await Assert.ThrowsAsync<IOException>(() => desk.PullNextAsync(Li));

        Assert.Same(diskGone, error);
        Assert.Same(cleanup, Assert.Single((Exception[])error.Data[StoreTransactionFailures.DataKey]!));
        Assert.Equal(1, transactions.Disposals - disposals);
        Assert.Equal(ticket, Assert.Single(queued).Ticket);
        Assert.Equal(queued, await QueueAsync(stores)); // the claim (the row's removal) was rolled back with the failed save
        Assert.Equal(savedTicket, await TicketAsync(stores, ticket));

        failing = false;
        Assert.Equal(ticket, (await desk.PullNextAsync(Li)).Id);
        Assert.Empty(await QueueAsync(stores));
    }

    // A desk over the provider's stores with the contact plan book over plans (a store of the same storage, so its saves join the
    // desk's transactions), and no event subscriber.
    private static ServiceProvider Services(ProviderStores stores, IClock clock, IContactPlanRepository plans, ITicketRepository? tickets = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        stores.AddTo(services);
        if (tickets is not null)
        {
            services.AddSingleton(tickets);
        }

        services.AddSingleton(plans);
        services.AddCrmCore();
        services.AddCrmRelationships();
        return services.BuildServiceProvider();
    }

    private static async Task RegisterCustomerAsync(ServiceDesk desk) =>
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "C");

    // The stored queue rows and a ticket's stored version, owner and due times, as values (the states hold lists, compared by reference).
    private static async Task<List<(TicketId Ticket, TeamId Group, long Priority, Instant? Due, Instant EnqueuedAt)>> QueueAsync(ProviderStores stores) =>
        [.. (await stores.Queue.ListAsync().ToListAsync()).Select(e => (e.TicketId, e.Group, e.Priority, e.Due, e.EnqueuedAt))];

    private static async Task<(long Version, AgentId Owner, TicketDueTimes? Due)> TicketAsync(ProviderStores stores, TicketId id) =>
        (await stores.Tickets.FindAsync(id)) is { } state ? (state.Version, state.Owner, state.Due) : throw new InvalidOperationException($"No ticket {id}.");

    private static long Savepoints(IStoreTransactions transactions) => transactions switch
    {
        SqliteDatabase sqlite => sqlite.SavepointsSent,
        PostgreSqlDatabase postgres => postgres.SavepointsSent,
        _ => throw new ArgumentException($"Not a database's transactions: {transactions.GetType().Name}.", nameof(transactions)),
    };

    private static ContactPlanEntryState Entry(string id, Instant plannedAt) => TestPlanEntries.ManualCall(id, Acme, plannedAt, Duration.FromDays(3));
}
