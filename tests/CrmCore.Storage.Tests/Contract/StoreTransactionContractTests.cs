using CrmCore.Agents;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Testing;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// A desk command is one transaction (<see cref="IStoreTransactions"/>): what its stores write commits together or not at all. On the
/// databases only: the in-memory stores write at once and have nothing to roll back (<see cref="NoStoreTransactions"/>).
/// </summary>
public sealed class StoreTransactionContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Transaction_FailureInItsLastWrite_LeavesNothingOfItsFirst(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var (customer, ticket, escalation, entry) = Writes();

        await using (var work = stores.Transactions.Begin())
        {
            Assert.True(await WriteAllAsync(stores, customer, ticket, escalation, entry));
            Assert.NotNull(await stores.Tickets.FindAsync(ticket.Id)); // the command sees its own writes

            // The last write fails (a stale version); the command ends without a commit.
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stores.Escalations.SaveAsync(escalation with { Version = 9 }, 7).AsTask());
        }

        var after = storage.Desk();
        Assert.Null(await after.Customers.FindAsync(customer.Id));
        Assert.Null(await after.Tickets.FindAsync(ticket.Id));
        Assert.Null(await after.Escalations.FindAsync(ticket.Id));
        Assert.Empty(await after.Queue.ListAsync().ToListAsync());
        Assert.Empty(await after.Outbox.ReadUnpublishedAsync(100));
        Assert.Empty(await storage.Audit().QueryAsync(new AuditQuery()));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Transaction_Committed_KeepsEveryWrite_AndTheStoresWorkOnTheirOwnAfterwards(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var (customer, ticket, escalation, entry) = Writes();

        await using (var work = stores.Transactions.Begin())
        {
            await WriteAllAsync(stores, customer, ticket, escalation, entry);
            await work.CommitAsync();
            await Assert.ThrowsAsync<InvalidOperationException>(() => work.CommitAsync().AsTask());
        }

        var after = storage.Desk();
        Assert.Equivalent(customer, await after.Customers.FindAsync(customer.Id), strict: true);
        Assert.Equal(1, (await after.Tickets.FindAsync(ticket.Id))!.Version);
        Assert.Equal(1, (await after.Escalations.FindAsync(ticket.Id))!.Version);
        Assert.Equal([ticket.Id], await after.Queue.ListAsync().Select(e => e.TicketId).ToListAsync());
        Assert.Equal(ticket.DomainEvents.Count, (await after.Outbox.ReadUnpublishedAsync(100)).Count);
        Assert.NotEmpty(await storage.Audit().QueryAsync(new AuditQuery()));

        // Outside the transaction each write commits by itself again.
        await stores.Customers.SaveAsync(customer with { Version = 2, Name = "Renamed" }, 1);
        Assert.Equal("Renamed", (await storage.Desk().Customers.FindAsync(customer.Id))!.Name);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Transaction_BegunInsideAnOpenOne_JoinsIt_AndItsCommitDoesNothing(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var (customer, _, _, _) = Writes();
        var secondHost = storage.Desk();
        Assert.Null(await secondHost.Customers.FindAsync(customer.Id)); // its schema check is done before the transaction takes the lock

        await using (var outer = stores.Transactions.Begin())
        {
            await using (var inner = stores.Transactions.Begin())
            {
                await stores.Customers.SaveAsync(customer, 0);
                await inner.CommitAsync();
            }

            Assert.Null(await secondHost.Customers.FindAsync(customer.Id)); // the inner commit did not commit: a second host sees nothing yet
        }

        Assert.Null(await storage.Desk().Customers.FindAsync(customer.Id));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Desk_RaiseFailingAtItsLastWrite_StoresNoTicketNoEventAndNoAuditRecord_AndTheNextRaiseWorks(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var fail = false;
        var queue = new FailingWriteQueue(stores.Queue, (write, _) => fail && write == "add" ? new IOException("the queue store is down") : null); // the last write of a raise
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0)));
        stores.AddTo(services).AddSingleton<IQueueRepository>(queue); // the failing queue wins
        services.AddCrmCore();
        using var provided = services.BuildServiceProvider();
        var desk = provided.GetRequiredService<ServiceDesk>();
        desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "A");
        var auditBefore = (await storage.Audit().QueryAsync(new AuditQuery())).Count;
        var request = new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常", Urgency = Urgency.Urgent };

        fail = true;
        await Assert.ThrowsAsync<IOException>(() => desk.RaiseAsync(request, "phone"));

        Assert.Empty(await storage.Desk().Tickets.ListAsync(TicketQuery.All).ToListAsync());
        Assert.Empty(await stores.Outbox.ReadUnpublishedAsync(100));
        Assert.Equal(auditBefore, (await storage.Audit().QueryAsync(new AuditQuery())).Count);
        Assert.Equal(0, desk.Queue.Count);

        fail = false;
        var (id, raised) = await desk.RaiseAsync(request, "phone");
        Assert.Equal([id], await storage.Desk().Tickets.ListAsync(TicketQuery.All).Select(t => t.Id).ToListAsync());
        Assert.Equal(raised.Events.Count, (await stores.Outbox.ReadUnpublishedAsync(100)).Count);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Transaction_ReadsInsideAListing_EachRowMayRunAnotherCommandOnTheCommandsConnection(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        for (var i = 1; i <= 3; i++)
        {
            await stores.Customers.SaveAsync(new CustomerState { Id = new CustomerId($"C20260300{i}"), Version = 1, Name = $"C{i}", FirstContactOn = new LocalDate(2026, 1, 1), CreatedAt = T0 }, 0);
        }

        var seen = new List<string>();
        await using (var work = stores.Transactions.Begin())
        {
            // What a plan scheduler does inside AdvanceAsync: for each customer listed, look something up in another store.
            await foreach (var customer in stores.Customers.ListAsync())
            {
                Assert.Null(await stores.Tickets.FindAsync(new TicketId("WT202603999")));
                seen.Add((await stores.Customers.FindAsync(customer.Id))!.Name);
            }

            await work.CommitAsync();
        }

        Assert.Equal(["C1", "C2", "C3"], seen);
    }

    // A caller that catches a version conflict found before its store call wrote anything (a contact plan's, in the desk's advance) may go
    // on in an all-or-nothing transaction and commit the rest: no statement failed, nothing of the failed call is in it.
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AllOrNothing_ACaughtConflictThatWroteNothing_LeavesTheTransactionFitToCommit(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var (a, b, c) = (Customer("C202603001"), Customer("C202603002"), Customer("C202603003"));
        await stores.Customers.SaveAsync(a, 0);

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await stores.Customers.SaveAsync(b, 0);
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stores.Customers.SaveAsync(a with { Version = 3, Name = "stale" }, 2).AsTask());
            await stores.Customers.SaveAsync(c, 0);
            await work.CommitAsync();
        }

        var after = storage.Desk();
        Assert.Equal(("Solo", 1L), ((await after.Customers.FindAsync(a.Id))!.Name, (await after.Customers.FindAsync(a.Id))!.Version));
        Assert.NotNull(await after.Customers.FindAsync(b.Id));
        Assert.NotNull(await after.Customers.FindAsync(c.Id));
    }

    // A store call that fails after it wrote (or after a statement failed, which on PostgreSQL aborts the transaction) cannot be caught and
    // committed past: the commit throws and rolls everything back, instead of committing half the call (or PostgreSQL answering the
    // COMMIT with a silent rollback).
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AllOrNothing_ACaughtFailureAfterTheCallWrote_CannotBeCommitted(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var (a, b, c) = (Customer("C202603001"), Customer("C202603002"), Customer("C202603003"));
        await stores.Customers.SaveAsync(a, 0);

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await stores.Customers.SaveAsync(b, 0);
            // c is written, then a's stale version conflicts: the call failed half done.
            await HalfDoneSaveAsync(stores, c, a);

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => work.CommitAsync().AsTask());
            Assert.Contains("rolled back", error.Message, StringComparison.Ordinal);
        }

        var after = storage.Desk();
        Assert.Null(await after.Customers.FindAsync(b.Id));
        Assert.Null(await after.Customers.FindAsync(c.Id));
        Assert.Equal(1L, (await after.Customers.FindAsync(a.Id))!.Version);
    }

    // A nested Begin() is the way past such a failure: rolled back to its savepoint, it takes the failed call with it, and the outer
    // transaction commits the rest; committed instead, it hands the failure to the outer one.
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AllOrNothing_AFailedCallInsideANestedBegin_RolledBack_LeavesTheOuterFitToCommit_Committed_DoesNot(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var (a, b, c, d) = (Customer("C202603001"), Customer("C202603002"), Customer("C202603003"), Customer("C202603004"));
        await stores.Customers.SaveAsync(a, 0);

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await stores.Customers.SaveAsync(b, 0);
            await using (stores.Transactions.Begin())
            {
                await HalfDoneSaveAsync(stores, c, a);
            }

            await work.CommitAsync();
        }

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await using (var nested = stores.Transactions.Begin())
            {
                await HalfDoneSaveAsync(stores, d, a);
                await nested.CommitAsync();
            }

            await Assert.ThrowsAsync<InvalidOperationException>(() => work.CommitAsync().AsTask());
        }

        var after = storage.Desk();
        Assert.NotNull(await after.Customers.FindAsync(b.Id));
        Assert.Null(await after.Customers.FindAsync(c.Id));
        Assert.Null(await after.Customers.FindAsync(d.Id));
    }

    // Two nested levels: the inner one committed hands the failure to the outer one, whose rollback then takes it away.
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AllOrNothing_TwoNestedLevels_TheFailureGoesWithTheLevelThatRollsBack(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var (a, b, c) = (Customer("C202603001"), Customer("C202603002"), Customer("C202603003"));
        await stores.Customers.SaveAsync(a, 0);

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await using (stores.Transactions.Begin())
            {
                await using (var inner = stores.Transactions.Begin())
                {
                    await HalfDoneSaveAsync(stores, c, a);
                    await inner.CommitAsync();
                }
            }

            await stores.Customers.SaveAsync(b, 0);
            await work.CommitAsync();
        }

        var after = storage.Desk();
        Assert.NotNull(await after.Customers.FindAsync(b.Id));
        Assert.Null(await after.Customers.FindAsync(c.Id));
    }

    // A ticket's or an escalation state's lost race is found as a customer's is (no statement fails, nothing written): catchable.
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AllOrNothing_ACaughtTicketOrEscalationConflict_LeavesTheTransactionFitToCommit(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var (customer, ticket, escalation, _) = Writes();
        await stores.Customers.SaveAsync(customer, 0);
        await stores.Tickets.SaveAsync(ticket.ToState(), 0, ticket.DomainEvents);
        await stores.Escalations.SaveAsync(escalation, 0);
        var other = Customer("C202603009");

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stores.Tickets.SaveAsync(ticket.ToState() with { Version = 5 }, 4, []).AsTask());
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stores.Escalations.SaveAsync(escalation with { Version = 9 }, 7).AsTask());
            await stores.Customers.SaveAsync(other, 0);
            await work.CommitAsync();
        }

        Assert.NotNull(await storage.Desk().Customers.FindAsync(other.Id));
    }

    // A save of two customers that writes the new one, then conflicts on the stored one's stale version: a call failed half done.
    private static Task HalfDoneSaveAsync(ProviderStores stores, CustomerState fresh, CustomerState stored) =>
        Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            ((ICustomerBatchRepository)stores.Customers).SaveAllAsync([(fresh, 0), (stored with { Version = stored.Version + 2, Name = "stale" }, stored.Version + 1)]).AsTask());

    private static CustomerState Customer(string id) => new() { Id = new CustomerId(id), Version = 1, Name = "Solo", FirstContactOn = new LocalDate(2026, 1, 1), CreatedAt = T0 };

    private static (CustomerState Customer, Ticket Ticket, EscalationState Escalation, QueueEntryState Entry) Writes()
    {
        var customer = new CustomerState { Id = new CustomerId("C202603001"), Version = 1, Name = "Solo", FirstContactOn = new LocalDate(2026, 1, 1), CreatedAt = T0 };
        var ticket = Ticket.Open(new TicketId("WT202603001"), new TicketRequest { CustomerId = customer.Id, Description = "打印机卡纸", Urgency = Urgency.Urgent },
            new AgentId("A-alice"), "desk", T0);
        var escalation = new EscalationState { TicketId = ticket.Id, Version = 1, Warnings = [], Escalations = [new EscalationMark("ladder", 1, T0)], Reminders = [] };
        var entry = new QueueEntryState(ticket.Id, new TeamId("L1"), 3, T0 + Duration.FromHours(4), [], T0);
        return (customer, ticket, escalation, entry);
    }

    private static async Task<bool> WriteAllAsync(ProviderStores stores, CustomerState customer, Ticket ticket, EscalationState escalation, QueueEntryState entry)
    {
        await stores.Customers.SaveAsync(customer, 0);
        await stores.Tickets.SaveAsync(ticket.ToState(), 0, ticket.DomainEvents);
        await stores.Escalations.SaveAsync(escalation, 0);
        return await stores.Queue.AddAsync(entry);
    }
}
