using CrmCore.Agents;
using CrmCore.Calendars;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Relationships;
using CrmCore.Relationships.Events;
using CrmCore.Testing;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Desk;

/// <summary>A desk command that fails keeps its own failure when the roll-back's clean-up fails too: the clean-up's exceptions go with it
/// (<see cref="StoreTransactionFailures.DataKey"/>), never instead of it; its transaction is disposed once, and the desk's own state (the
/// in-memory queue, the agents' slots) is as before the command. That the stores roll back is proved on SQLite and PostgreSQL
/// (CrmCore.Storage.Tests, DeskRollbackContractTests): the in-memory stores cannot roll back.</summary>
public sealed class DeskCleanUpFailureTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 2, 0);
    private static readonly CustomerId Acme = new("KH0001");

    [Fact]
    public async Task Raise_WhoseSaveFails_AndWhoseRollBackCleanUpFails_ThrowsTheSaveFailure_CarryingTheCleanUp()
    {
        var diskGone = new IOException("disk gone");
        var cleanup = new InvalidOperationException("clean-up failed");
        var stores = DeskStores.InMemory();
        stores = stores with { Tickets = new FailingWriteTickets(stores.Tickets, (_, _) => diskGone), Transactions = new FailingCleanUpTransactions(cleanup) };
        var desk = new ServiceDesk(new FakeClock(Now), stores, Engines(), DeskPorts.Defaults, [], new DeskSettings());
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });

        var error = await Assert.ThrowsAsync<IOException>(() => desk.RaiseAsync(
            new TicketRequest { CustomerId = Acme, Description = "打印机卡纸", Urgency = Urgency.General, Type = TicketType.Fault }, "phone"));

        Assert.Same(diskGone, error);
        Assert.Same(cleanup, Assert.Single((Exception[])error.Data[StoreTransactionFailures.DataKey]!));
    }

    [Fact]
    public async Task TicketCommand_ThatFails_AndWhoseRollBackCleanUpFails_ThrowsItsOwnFailure_CarryingTheCleanUp()
    {
        // A ticket command (the desk's RunAsync) refused inside its transaction: a ticket still in the queue cannot be started.
        var cleanup = new InvalidOperationException("clean-up failed");
        var stores = DeskStores.InMemory() with { Transactions = new FailingCleanUpTransactions(cleanup) };
        var desk = new ServiceDesk(new FakeClock(Now), stores, Engines(), DeskPorts.Defaults, [], new DeskSettings());
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = Acme, Description = "打印机卡纸", Urgency = Urgency.General, Type = TicketType.Fault }, "phone");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => desk.StartAsync(id, "alice"));

        Assert.Contains("still waits in the queue", error.Message, StringComparison.Ordinal);
        Assert.Same(cleanup, Assert.Single((Exception[])error.Data[StoreTransactionFailures.DataKey]!));
    }

    [Fact]
    public async Task PullNext_WhoseTicketSaveFails_AndWhoseRollBackCleanUpFails_ThrowsTheSaveFailure_CarryingTheCleanUp_AndKeepsTheTicketQueued()
    {
        var diskGone = new IOException("disk gone");
        var cleanup = new InvalidOperationException("clean-up failed");
        var transactions = new FailingCleanUpTransactions(cleanup);
        var stores = DeskStores.InMemory();
        stores = stores with
        {
            Tickets = new FailingWriteTickets(stores.Tickets, (state, _) => state.Owner == Li ? diskGone : null),
            Transactions = transactions,
        };
        var desk = new ServiceDesk(new FakeClock(Now), stores, Engines(), DeskPorts.Defaults, [], new DeskSettings());
        var agent = desk.RegisterAgent(Li, "Li", new TeamId("L1"), SkillSet.Empty, 5);
        var id = await RaiseAsync(desk);
        var disposals = transactions.Disposals;

        var error = await Assert.ThrowsAsync<IOException>(() => desk.PullNextAsync(Li));

        Assert.Same(diskGone, error);
        Assert.Same(cleanup, Assert.Single((Exception[])error.Data[StoreTransactionFailures.DataKey]!));
        Assert.Equal(1, transactions.Disposals - disposals);
        Assert.True(desk.Queue.Contains(id));
        Assert.Equal(0, agent.ActiveCount);
        var stored = (await stores.Tickets.FindAsync(id))!;
        Assert.Equal((new DeskOptions().QueueOwner, 1L), (stored.Owner, stored.Version));
        // The in-memory queue store cannot roll back the claim (the row's removal) with the save; the databases do
        // (PlanAdvanceTransactionContractTests.PullNext_WhoseTicketSaveFails_KeepsTheStoredQueueRow_...).
    }

    [Fact]
    public async Task MoveToGroup_WhoseQueueWriteFails_AndWhoseRollBackCleanUpFails_ThrowsTheWriteFailure_CarryingTheCleanUp_AndTheTicketStaysInItsGroup()
    {
        var diskGone = new IOException("disk gone");
        var cleanup = new InvalidOperationException("clean-up failed");
        var transactions = new FailingCleanUpTransactions(cleanup);
        var stores = DeskStores.InMemory();
        stores = stores with
        {
            Queue = new FailingWriteQueue(stores.Queue, (write, _) => write == "update" ? diskGone : null),
            Transactions = transactions,
        };
        var desk = new ServiceDesk(new FakeClock(Now), stores, Engines(), DeskPorts.Defaults, [], new DeskSettings());
        var id = await RaiseAsync(desk);
        Assert.True(desk.Queue.TryGet(id, out var before));
        var disposals = transactions.Disposals;

        var error = await Assert.ThrowsAsync<IOException>(() => desk.MoveToGroupAsync(id, new TeamId("Complex"), "supervisor"));

        Assert.Same(diskGone, error);
        Assert.Same(cleanup, Assert.Single((Exception[])error.Data[StoreTransactionFailures.DataKey]!));
        Assert.Equal(1, transactions.Disposals - disposals);
        Assert.True(desk.Queue.TryGet(id, out var after));
        Assert.Equal(before, after);
        Assert.Equal(before.Group, Assert.Single(await stores.Queue.ListAsync().ToListAsync()).Group);
    }

    [Fact]
    public async Task Advance_WhosePlanSaveFails_AndWhoseRollBackCleanUpFails_ThrowsTheSaveFailure_CarryingTheCleanUp_InOneAllOrNothingTransaction()
    {
        var diskGone = new IOException("disk gone");
        // The plan book catches only a save that lost a race (ConcurrencyConflictException): any other store failure stops the advance.
        var cleanup = new InvalidOperationException("clean-up failed");
        var failing = true;
        var transactions = new FailingCleanUpTransactions(cleanup);
        var plans = new InMemoryContactPlanRepository();
        var entry = PlanEntry("KH0001/Manual/call/2026-03-02", Now - Duration.FromHours(1));
        await plans.SaveAsync(entry, 0);
        var book = new ContactPlanBook(new ContactPlanner(ContactPolicy.Document001, BusinessCalendar.AlwaysOpen),
            new FailingWritePlans(plans, _ => failing ? diskGone : null));
        var desk = new ServiceDesk(new FakeClock(Now), DeskStores.InMemory() with { Transactions = transactions }, Engines() with { Plans = book }, DeskPorts.Defaults, [], new DeskSettings());
        var (begun, allOrNothing, disposals) = (transactions.Begun, transactions.BegunAllOrNothing, transactions.Disposals);

        var error = await Assert.ThrowsAsync<IOException>(() => desk.AdvanceAsync());

        Assert.Same(diskGone, error);
        Assert.Same(cleanup, Assert.Single((Exception[])error.Data[StoreTransactionFailures.DataKey]!));
        Assert.Equal((1, 1, 1), (transactions.Begun - begun, transactions.BegunAllOrNothing - allOrNothing, transactions.Disposals - disposals));
        Assert.Equal(entry, await plans.FindAsync(entry.Id));

        failing = false;
        var reminded = Assert.IsType<ContactPlanEntryBecameDue>(Assert.Single((await desk.AdvanceAsync()).Events));
        Assert.Equal(entry.Id, reminded.Entry);
        Assert.True((await plans.FindAsync(entry.Id))!.DueRaised);
    }

    private static readonly AgentId Li = new("A001");

    private static async Task<TicketId> RaiseAsync(ServiceDesk desk)
    {
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = Acme, Description = "打印机卡纸", Urgency = Urgency.General, Type = TicketType.Fault }, "phone");
        return id;
    }

    private static ContactPlanEntryState PlanEntry(string id, Instant plannedAt) => TestPlanEntries.ManualCall(id, Acme, plannedAt, Duration.FromDays(1));

    private static DeskEngines Engines()
    {
        using var provider = new ServiceCollection().AddSingleton<IClock>(new FakeClock(Now)).AddCrmCore().BuildServiceProvider();
        return new DeskEngines(provider.GetRequiredService<CrmCore.Sla.SlaEngine>(), provider.GetRequiredService<CrmCore.Escalation.EscalationEngine>(), provider.GetRequiredService<CrmCore.Routing.TicketQueue>());
    }
}
