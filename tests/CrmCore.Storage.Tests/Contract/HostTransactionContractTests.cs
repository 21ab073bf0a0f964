using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// A desk command run inside a host's own <see cref="IStoreTransactions"/> transaction joins it: when the host disposes it without a
/// commit, nothing of the command stays, not the ticket, not its queue entry and change number, and not the desk's in-memory queue (a later
/// pull never offers a ticket that does not exist, and the desk still sees the changes other desks make afterwards). The in-memory stores
/// write at once and cannot roll back: there the command stays whole (ticket and queue entry together).
/// </summary>
public sealed class HostTransactionContractTests
{
    private static readonly AgentId Li = new("A001");
    private static readonly CustomerId Customer = new("KH0001");

    public static TheoryData<string> Providers => StoreProvider.All();

    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Raise_InAHostTransactionDisposedWithoutCommit_LeavesNoTicketNoQueueEntryAndNoChangeNumber(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        var before = await fixture.Stores.Queue.LastChangeAsync();

        TicketId raised;
        await using (fixture.Stores.Transactions.Begin())
        {
            (raised, _) = await fixture.Desk.RaiseAsync(Request("打印机卡纸"), "email");
            Assert.NotNull(await fixture.Stores.Tickets.FindAsync(raised)); // the host's transaction sees the command's writes
        }

        await fixture.AssertConsistentAsync();
        if (fixture.Storage.Persists)
        {
            Assert.Null(await fixture.Stores.Tickets.FindAsync(raised));
            Assert.Equal([fixture.Kept], await fixture.StoredQueueAsync());
            Assert.Equal(before, await fixture.Stores.Queue.LastChangeAsync());
        }

        Assert.Equal(fixture.Kept, (await fixture.Desk.PullNextAsync(Li)).Id);
        var (next, _) = await fixture.Desk.PullNextAsync(Li);
        Assert.Equal(fixture.Storage.Persists ? null : raised, next);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pull_InAHostTransactionDisposedWithoutCommit_LeavesTheTicketQueued_AndTheAgentFree(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);

        await using (fixture.Stores.Transactions.Begin())
        {
            Assert.Equal(fixture.Kept, (await fixture.Desk.PullNextAsync(Li)).Id);
        }

        await fixture.AssertConsistentAsync();
        if (fixture.Storage.Persists)
        {
            Assert.Equal([fixture.Kept], await fixture.StoredQueueAsync());
            Assert.Equal(0, fixture.Agent.ActiveCount);
            Assert.Equal(fixture.Kept, (await fixture.Desk.PullNextAsync(Li)).Id);
            Assert.Equal(1, fixture.Agent.ActiveCount);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Assign_InAHostTransactionDisposedWithoutCommit_LeavesTheTicketQueued_AndTheAgentFree(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);

        await using (fixture.Stores.Transactions.Begin())
        {
            await fixture.Desk.AssignAsync(fixture.Kept, Li, "lead");
        }

        await fixture.AssertConsistentAsync();
        if (fixture.Storage.Persists)
        {
            Assert.Equal([fixture.Kept], await fixture.StoredQueueAsync());
            Assert.Equal(0, fixture.Agent.ActiveCount);
            Assert.Equal(fixture.Kept, (await fixture.Desk.PullNextAsync(Li)).Id);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MoveToGroup_InAHostTransactionDisposedWithoutCommit_LeavesTheTicketInItsGroup(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        var before = await fixture.Stores.Queue.LastChangeAsync();

        await using (fixture.Stores.Transactions.Begin())
        {
            await fixture.Desk.MoveToGroupAsync(fixture.Kept, new TeamId("L2"), "lead");
        }

        await fixture.AssertConsistentAsync();
        if (fixture.Storage.Persists)
        {
            Assert.Equal(new TeamId("L1"), Assert.Single(fixture.Desk.Queue.Snapshot()).Group);
            Assert.Equal(before, await fixture.Stores.Queue.LastChangeAsync());
            Assert.Equal(fixture.Kept, (await fixture.Desk.PullNextAsync(Li)).Id); // Li works in L1
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SeveralCommandsInOneHostTransaction_RolledBack_LeaveNothing_AndTheDeskStillSeesWhatAnotherDeskRaisesAfterwards(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        using var otherHost = DeskHost.Build(fixture.Storage, fixture.Clock);
        var other = otherHost.GetRequiredService<ServiceDesk>();

        await using (fixture.Stores.Transactions.Begin())
        {
            await fixture.Desk.RaiseAsync(Request("网络中断"), "phone");
            await fixture.Desk.RaiseAsync(Request("系统登录异常"), "phone"); // its sync reads the first raise's uncommitted change
            await fixture.Desk.PullNextAsync(Li);
        }

        var (afterwards, _) = await other.RaiseAsync(Request("发票抬头错误"), "email");
        var (second, _) = await other.RaiseAsync(Request("合同续签"), "email");

        await fixture.AssertConsistentAsync();
        if (fixture.Storage.Persists)
        {
            Assert.Equal([fixture.Kept, afterwards, second], await fixture.StoredQueueAsync());
            Assert.Equal(0, fixture.Agent.ActiveCount);
            Assert.Equal(fixture.Kept, (await fixture.Desk.PullNextAsync(Li)).Id);
            Assert.Equal(afterwards, (await fixture.Desk.PullNextAsync(Li)).Id);
            Assert.Equal(second, (await fixture.Desk.PullNextAsync(Li)).Id);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SeveralCommandsInOneHostTransaction_Committed_KeepEverything_AndTheDeskStillSeesWhatAnotherDeskRaisesAfterwards(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        using var otherHost = DeskHost.Build(fixture.Storage, fixture.Clock);
        var other = otherHost.GetRequiredService<ServiceDesk>();

        TicketId first;
        await using (var host = fixture.Stores.Transactions.Begin())
        {
            (first, _) = await fixture.Desk.RaiseAsync(Request("网络中断"), "phone");
            Assert.Equal(fixture.Kept, (await fixture.Desk.PullNextAsync(Li)).Id);
            await host.CommitAsync();
        }

        var (afterwards, _) = await other.RaiseAsync(Request("发票抬头错误"), "email");

        await fixture.AssertConsistentAsync();
        Assert.Equal([first, afterwards], await fixture.StoredQueueAsync());
        Assert.Equal(1, fixture.Agent.ActiveCount);
        Assert.Equal(Li, (await fixture.Desk.ViewAsync(fixture.Kept)).Ticket.Owner);
        Assert.Equal(first, (await fixture.Desk.PullNextAsync(Li)).Id);
        Assert.Equal(afterwards, (await fixture.Desk.PullNextAsync(Li)).Id);
        Assert.Null((await fixture.Desk.PullNextAsync(Li)).Id);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Raise_FailingAfterItsQueueRowIsWritten_LeavesNoTicketNoQueueEntry_AndTheDeskQueueAsStored(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        var before = await fixture.Stores.Queue.LastChangeAsync();
        // The raise's last write, the change number of its queue row (written just before), fails: the desk's own transaction rolls back.
        fixture.Storage.ExecuteSql(provider == StoreProvider.Postgres
            ? "CREATE FUNCTION {schema}.fail_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected change failure'; END $$; "
              + "CREATE TRIGGER fail_change BEFORE INSERT ON {schema}.queue_change FOR EACH ROW EXECUTE FUNCTION {schema}.fail_change();"
            : "CREATE TRIGGER fail_change BEFORE INSERT ON crm_queue_change BEGIN SELECT RAISE(ABORT, 'injected change failure'); END;");

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => fixture.Desk.RaiseAsync(Request("网络中断"), "phone"));
        fixture.Storage.ExecuteSql(provider == StoreProvider.Postgres
            ? "DROP TRIGGER fail_change ON {schema}.queue_change; DROP FUNCTION {schema}.fail_change();"
            : "DROP TRIGGER fail_change;");

        Assert.Equal([fixture.Kept], await fixture.StoredQueueAsync());
        Assert.Equal(before, await fixture.Stores.Queue.LastChangeAsync());
        Assert.Empty(await fixture.Stores.Tickets.ListAsync(new TicketQuery()).Where(t => t.Id != fixture.Kept).ToListAsync());
        await fixture.AssertConsistentAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Raise_FailingPartwayInAHostTransaction_LeavesNothingOfItself_AndTheHostCommitsItsOtherWork(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        // The failing raise's change number fails (after its ticket, its id number and its queue row were written): only that raise.
        if (fixture.Storage.Persists)
        {
            fixture.Storage.ExecuteSql(FailMarkedRaises(provider));
        }

        TicketId first, second;
        var host = fixture.Stores.Transactions.Begin();
        await using (host)
        {
            (first, _) = await fixture.Desk.RaiseAsync(Request("网络中断"), "phone");
            if (fixture.Storage.Persists)
            {
                await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => fixture.Desk.RaiseAsync(Request("注入失败"), "phone"));
            }

            (second, _) = await fixture.Desk.RaiseAsync(Request("合同续签"), "email");
            await host.CommitAsync();
        }

        var tickets = await fixture.Stores.Tickets.ListAsync(new TicketQuery()).Select(t => t.Description).ToListAsync();
        Assert.Equal(new[] { "系统登录异常", "网络中断", "合同续签" }.Order(StringComparer.Ordinal), tickets.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { fixture.Kept, first, second }.OrderBy(id => id.Value, StringComparer.Ordinal), await fixture.StoredQueueAsync());
        await fixture.AssertConsistentAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Events_OfCommandsInAHostTransaction_ReachSubscribersWhenTheHostCommits_NeverWhenItRollsBack(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        fixture.Events.Clear();

        await using (fixture.Stores.Transactions.Begin())
        {
            await fixture.Desk.RaiseAsync(Request("网络中断"), "phone");
            Assert.Equal(fixture.Storage.Persists ? 0 : 1, fixture.Events.Count(e => e is TicketCreated));
        }

        Assert.Equal(fixture.Storage.Persists ? 0 : 1, fixture.Events.Count(e => e is TicketCreated));

        fixture.Events.Clear();
        TicketId raised;
        var host = fixture.Stores.Transactions.Begin();
        await using (host)
        {
            (raised, _) = await fixture.Desk.RaiseAsync(Request("合同续签"), "email");
            await fixture.Desk.PullNextAsync(Li);
            Assert.Equal(fixture.Storage.Persists ? 0 : 1, fixture.Events.Count(e => e is TicketCreated));
            await host.CommitAsync();
        }

        Assert.Equal(raised, Assert.Single(fixture.Events.OfType<TicketCreated>()).TicketId);
        Assert.Equal(fixture.Kept, Assert.Single(fixture.Events.OfType<TicketOwnerChanged>()).TicketId);

        fixture.Events.Clear();
        var (alone, _) = await fixture.Desk.RaiseAsync(Request("发票抬头错误"), "email");
        Assert.Equal(alone, Assert.Single(fixture.Events.OfType<TicketCreated>()).TicketId);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Raise_InANestedUnitRolledBack_WhileTheHostCommits_PublishesNothing_AndLeavesNoGhostInTheDeskQueue(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        using var otherHost = DeskHost.Build(fixture.Storage, fixture.Clock);
        var other = otherHost.GetRequiredService<ServiceDesk>();
        var before = await fixture.Stores.Queue.LastChangeAsync();
        fixture.Events.Clear();

        TicketId ghost;
        var host = fixture.Stores.Transactions.Begin();
        await using (host)
        {
            await using (fixture.Stores.Transactions.Begin()) // a unit of the host's work (savepoint crm_joined_0), disposed without a commit
            {
                (ghost, _) = await fixture.Desk.RaiseAsync(Request("网络中断"), "phone"); // the desk's own savepoint released: its work stays in the unit
                Assert.NotNull(await fixture.Stores.Tickets.FindAsync(ghost));
            }

            Assert.Null(await fixture.Stores.Tickets.FindAsync(ghost));
            await host.CommitAsync();
        }

        Assert.Empty(fixture.Events);
        Assert.Null(await fixture.Stores.Tickets.FindAsync(ghost));
        Assert.Equal(before, await fixture.Stores.Queue.LastChangeAsync());
        await fixture.AssertConsistentAsync(); // the desk's queue holds the stored entries only: no ghost
        Assert.Equal([fixture.Kept], fixture.Desk.Queue.Snapshot().Select(q => q.Id));

        var (afterwards, _) = await other.RaiseAsync(Request("发票抬头错误"), "email"); // takes the change number the ghost had
        Assert.Equal(fixture.Kept, (await fixture.Desk.PullNextAsync(Li)).Id);
        Assert.Equal(afterwards, (await fixture.Desk.PullNextAsync(Li)).Id);
        Assert.Null((await fixture.Desk.PullNextAsync(Li)).Id);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Raise_CreatingABucket_FailingInAHostTransaction_LeavesNoBucketCachedForItsKey(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        fixture.Storage.ExecuteSql(FailMarkedRaises(provider));

        var host = fixture.Stores.Transactions.Begin();
        await using (host)
        {
            // A normal-urgency ticket in L1: a bucket no ticket used yet (the kept one is urgent), written, then rolled back with the raise.
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => fixture.Desk.RaiseAsync(Request("注入失败"), "phone"));
            // A new bucket of another team: on SQLite it takes the number the rolled-back bucket had.
            await fixture.Desk.MoveToGroupAsync(fixture.Kept, new TeamId("L2"), "lead");
            await host.CommitAsync();
        }

        await AssertARaiseOnTheRolledBackBucketsKeyGoesToL1Async(fixture);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task QueueRead_OfABucketCreatedInAHostTransactionRolledBack_CachesNothing_TheBucketsKeyRoutesToItsOwnTeamAfterwards(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);

        var host = fixture.Stores.Transactions.Begin();
        await using (host)
        {
            // A normal-urgency ticket in L1: a bucket no ticket used yet (the kept one is urgent), written in the host's transaction.
            await fixture.Desk.RaiseAsync(Request("网络中断"), "phone");
            // A read of the queue in the same transaction: on SQLite it sees the new bucket's row (and once cached every row it read).
            Assert.Contains(fixture.Kept, await fixture.Stores.Queue.ListAsync().Select(e => e.TicketId).ToListAsync());
        }

        // A new bucket of another team: on SQLite it takes the number the rolled-back bucket had.
        await fixture.Desk.MoveToGroupAsync(fixture.Kept, new TeamId("L2"), "lead");
        await AssertARaiseOnTheRolledBackBucketsKeyGoesToL1Async(fixture);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task QueueRead_OfABucketCreatedInANestedUnitRolledBack_WhileTheHostCommits_CachesNothing(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);

        var host = fixture.Stores.Transactions.Begin();
        await using (host)
        {
            await using (fixture.Stores.Transactions.Begin()) // a unit of the host's work (a savepoint), disposed without a commit
            {
                await fixture.Desk.RaiseAsync(Request("网络中断"), "phone"); // a new bucket (L1, normal) inside the unit
                Assert.Contains(fixture.Kept, await fixture.Stores.Queue.ListAsync().Select(e => e.TicketId).ToListAsync());
            }

            // Still in the host's transaction: a new bucket of another team takes the rolled-back bucket's number on SQLite.
            await fixture.Desk.MoveToGroupAsync(fixture.Kept, new TeamId("L2"), "lead");
            await host.CommitAsync();
        }

        await AssertARaiseOnTheRolledBackBucketsKeyGoesToL1Async(fixture);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task HostCommit_WhoseTokenFiresAfterTheDatabaseCommitted_StillDeliversTheEvents_AndReturns(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        fixture.Events.Clear();
        using var cancel = new CancellationTokenSource();

        TicketId raised;
        var host = fixture.Stores.Transactions.Begin();
        await using (host)
        {
            // Work registered before the desk's events: it runs first after the database commit, and the caller's token fires then.
            var unit = Assert.IsAssignableFrom<IJoinedStoreTransaction>(fixture.Stores.Transactions.Begin());
            unit.WhenCommitted(_ =>
            {
                cancel.Cancel();
                return ValueTask.CompletedTask;
            });
            await unit.CommitAsync();
            (raised, _) = await fixture.Desk.RaiseAsync(Request("网络中断"), "phone");
            await host.CommitAsync(cancel.Token); // committed: a caller told otherwise would retry and write twice
        }

        Assert.True(cancel.IsCancellationRequested);
        Assert.Equal(raised, Assert.Single(fixture.Events.OfType<TicketCreated>()).TicketId);
        Assert.NotNull(await fixture.Stores.Tickets.FindAsync(raised));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task HostCommit_ThatFails_ThrowsItsOwnException_NotWhatAnOutcomeObserverThrew(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);
        // A deferred check on every new ticket: the statement succeeds, the COMMIT fails.
        fixture.Storage.ExecuteSql(provider == StoreProvider.Postgres
            ? "CREATE FUNCTION {schema}.fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected commit failure'; END $$; "
              + "CREATE CONSTRAINT TRIGGER fail_commit AFTER INSERT ON {schema}.ticket DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {schema}.fail_commit();"
            : "CREATE TABLE crm_fail_parent (id INTEGER PRIMARY KEY); "
              + "CREATE TABLE crm_fail_child (parent INTEGER REFERENCES crm_fail_parent (id) DEFERRABLE INITIALLY DEFERRED); "
              + "CREATE TRIGGER fail_commit AFTER INSERT ON crm_ticket BEGIN INSERT INTO crm_fail_child VALUES (1); END;");
        var observer = new InvalidOperationException("an outcome observer failed");
        bool? heard = null;

        TicketId raised;
        var host = fixture.Stores.Transactions.Begin();
        await using (host)
        {
            var unit = Assert.IsAssignableFrom<IJoinedStoreTransaction>(fixture.Stores.Transactions.Begin());
            unit.WhenEnded(committed =>
            {
                heard = committed;
                throw observer;
            });
            await unit.CommitAsync();
            (raised, _) = await fixture.Desk.RaiseAsync(Request("网络中断"), "phone");
            var failure = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(async () => await host.CommitAsync());
            Assert.Same(observer, Assert.Single(Assert.IsType<Exception[]>(failure.Data["CrmCore.StoreTransaction.CallbackFailures"])));
        }

        Assert.False(heard);
        Assert.Null(await fixture.Stores.Tickets.FindAsync(raised));
        Assert.DoesNotContain(fixture.Events.OfType<TicketCreated>(), e => e.TicketId == raised);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task JoinedCommit_WithACancelledToken_StillReleasesItsSavepoint_AndTheHostCommits(string provider)
    {
        await using var fixture = await Fixture.CreateAsync(provider);

        TicketId raised;
        var host = fixture.Stores.Transactions.Begin();
        await using (host)
        {
            var unit = fixture.Stores.Transactions.Begin();
            await using (unit)
            {
                (raised, _) = await fixture.Desk.RaiseAsync(Request("网络中断"), "phone");
                await unit.CommitAsync(new CancellationToken(canceled: true)); // cancelled as the unit's work is done: the release is not cancelled
            }

            await host.CommitAsync();
        }

        Assert.NotNull(await fixture.Stores.Tickets.FindAsync(raised));
        Assert.Single(fixture.Events.OfType<TicketCreated>(), e => e.TicketId == raised);
        await fixture.AssertConsistentAsync();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Events_AHostCommitHandsOver_WaitForTheDesksRunningCommand_TheSubscriberIsNeverReentered(string provider)
    {
        var probe = new ReentranceProbe();
        await using var fixture = await Fixture.CreateAsync(provider, probe);
        var host = await RaiseInAHostTransactionAsync(fixture); // its events wait for the host's commit
        await using (host)
        {
            // While the host's commit delivers its events, a desk command starts on another flow: deterministically here, the subscriber
            // starts it itself and does not wait for it. It must wait for the delivery to end: on SQLite the command runs synchronously up
            // to its own delivery, so a host's delivery outside the desk's gate would see the subscriber called inside itself.
            var calls = probe.Calls;
            Task<(TicketId, DeskResult)>? command = null;
            probe.OnNextCall(() => command = fixture.Desk.RaiseAsync(Request("发票抬头错误"), "email"));
            await host.CommitAsync();
            Assert.NotNull(command);
            var (alone, _) = await command;
            Assert.Equal(calls + 2, probe.Calls);
            Assert.Equal(0, probe.Overlaps);
            Assert.Equal(2, fixture.Events.OfType<TicketCreated>().Count(e => e.TicketId != fixture.Kept));
            Assert.Contains(fixture.Events.OfType<TicketCreated>(), e => e.TicketId == alone);
        }
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Events_OfParallelHostCommitsAndDeskCommands_NeverReachTheSubscriberConcurrently(string provider)
    {
        var probe = new ReentranceProbe();
        await using var fixture = await Fixture.CreateAsync(provider, probe);
        const int Rounds = 12;
        var calls = probe.Calls;
        using var start = new Barrier(2);
        using var failed = new CancellationTokenSource(); // a side that fails releases the other from the barrier
        var hosts = Task.Run(() => Side(async () =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                var host = await RaiseInAHostTransactionAsync(fixture);
                await using (host)
                {
                    start.SignalAndWait(failed.Token);
                    await host.CommitAsync();
                }

                start.SignalAndWait(failed.Token); // the round ends: the next host writes only once the command is done
            }
        }));
        var commands = Task.Run(() => Side(async () =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                start.SignalAndWait(failed.Token);
                await fixture.Desk.RaiseAsync(Request("发票抬头错误"), "email"); // waits for the host's commit to write (one writer)
                start.SignalAndWait(failed.Token);
            }
        }));
        await Task.WhenAll(hosts, commands);

        async Task Side(Func<Task> run)
        {
            try
            {
                await run();
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }

        Assert.Equal(calls + (2 * Rounds), probe.Calls);
        Assert.Equal(0, probe.Overlaps);
    }

    // After a bucket (L1, normal urgency) was written and rolled back and the kept ticket moved to a new L2 bucket (on SQLite numbered as
    // the rolled-back one was): a raise with the rolled-back bucket's key is stored in L1, and Li (in L1) pulls it, not the kept ticket.
    private static async Task AssertARaiseOnTheRolledBackBucketsKeyGoesToL1Async(Fixture fixture)
    {
        var (raised, _) = await fixture.Desk.RaiseAsync(Request("合同续签"), "email");
        var stored = await fixture.Stores.Queue.ListAsync().ToDictionaryAsync(e => e.TicketId);
        Assert.Equal(new TeamId("L1"), stored[raised].Group);
        Assert.Equal(new TeamId("L2"), stored[fixture.Kept].Group);
        Assert.Equal(raised, (await fixture.Desk.PullNextAsync(Li)).Id);
        await fixture.AssertConsistentAsync();
    }

    // Begins a host transaction and raises a ticket in it, in a flow of its own: the caller's flow does not join the transaction.
    private static async Task<IStoreTransaction> RaiseInAHostTransactionAsync(Fixture fixture)
    {
        var host = fixture.Stores.Transactions.Begin();
        await fixture.Desk.RaiseAsync(Request("网络中断"), "phone");
        return host;
    }

    private const string PostgresFailure = "CREATE FUNCTION {schema}.fail_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + "IF (SELECT description FROM {schema}.ticket WHERE id = NEW.ticket_id) = '注入失败' THEN RAISE EXCEPTION 'injected change failure'; END IF; "
        + "RETURN NEW; END $$; CREATE TRIGGER fail_change BEFORE INSERT ON {schema}.queue_change FOR EACH ROW EXECUTE FUNCTION {schema}.fail_change();";

    // The change number of a raise described '注入失败' fails (after its ticket, its id number and its queue row were written).
    private static string FailMarkedRaises(string provider) => provider == StoreProvider.Postgres
        ? PostgresFailure
        : "CREATE TRIGGER fail_change BEFORE INSERT ON crm_queue_change "
          + "WHEN (SELECT description FROM crm_ticket WHERE id = NEW.ticket_id) = '注入失败' BEGIN SELECT RAISE(ABORT, 'injected change failure'); END;";

    private static TicketRequest Request(string description) => new() { CustomerId = Customer, Description = description };

    // One desk over a provider's stores, with agent Li in L1 and one committed ticket waiting (Kept).
    private sealed class Fixture : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private Fixture(StoreProvider storage, ProviderStores stores, FakeClock clock, ServiceProvider services, List<IDomainEvent> events)
        {
            (Storage, Stores, Clock, _services, Events) = (storage, stores, clock, services, events);
            Desk = services.GetRequiredService<ServiceDesk>();
        }

        public StoreProvider Storage { get; }

        public ProviderStores Stores { get; }

        public FakeClock Clock { get; }

        public ServiceDesk Desk { get; }

        public Agent Agent { get; private set; } = null!;

        public TicketId Kept { get; private set; }

        /// <summary>Every event the desk's subscriber received, in order.</summary>
        public List<IDomainEvent> Events { get; }

        public static async Task<Fixture> CreateAsync(string provider, IDeskEventSubscriber? also = null)
        {
            var storage = StoreProvider.Create(provider);
            var stores = storage.Desk();
            var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0));
            var services = new ServiceCollection();
            services.AddSingleton<IClock>(clock);
            stores.AddTo(services);
            var events = new List<IDomainEvent>();
            services.AddSingleton<IDeskEventSubscriber>(new Recorder(events));
            if (also is not null)
            {
                services.AddSingleton(also);
            }

            services.AddCrmCore();
            var fixture = new Fixture(storage, stores, clock, services.BuildServiceProvider(), events);
            fixture.Agent = fixture.Desk.RegisterAgent(Li, "Li", new TeamId("L1"), SkillSet.Empty, 5);
            await fixture.Desk.RegisterCustomerAsync(Customer, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
            (fixture.Kept, _) = await fixture.Desk.RaiseAsync(new TicketRequest { CustomerId = Customer, Description = "系统登录异常", Urgency = Urgency.Urgent }, "phone");
            clock.Advance(Duration.FromMinutes(1));
            return fixture;
        }

        public async Task<List<TicketId>> StoredQueueAsync() =>
            await Stores.Queue.ListAsync().Select(e => e.TicketId).OrderBy(id => id.Value, StringComparer.Ordinal).ToListAsync();

        // Whatever the provider: every stored queue entry is a ticket that exists and waits, and the desk's in-memory queue (after a
        // command has synced it) holds exactly the stored entries.
        public async Task AssertConsistentAsync()
        {
            var entries = await Stores.Queue.ListAsync().ToListAsync();
            if (entries.Count > 0)
            {
                await Desk.MoveToGroupAsync(entries[0].TicketId, entries[0].Group, "sync"); // a queue command that changes nothing: it syncs
            }

            var stored = await StoredQueueAsync();
            foreach (var id in stored)
            {
                var ticket = await Stores.Tickets.FindAsync(id);
                Assert.NotNull(ticket);
                Assert.True(ticket.Owner.IsEmpty || ticket.Owner == new AgentId("queue"), $"{id} is queued but owned by {ticket.Owner}");
            }

            Assert.Equal(stored, Desk.Queue.Snapshot().Select(q => q.Id).OrderBy(id => id.Value, StringComparer.Ordinal).ToList());
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            Storage.Dispose();
        }
    }

    /// <summary>A subscriber that keeps every event it receives (and, as a careful one would, stops when its token is cancelled).</summary>
    private sealed class Recorder(List<IDomainEvent> events) : IDeskEventSubscriber
    {
        public ValueTask OnEventsAsync(IReadOnlyList<IDomainEvent> received, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            events.AddRange(received);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A subscriber that counts its calls and the calls that began while another was running; on its next call it runs what
    /// <see cref="OnNextCall"/> was given (without waiting for what that starts).</summary>
    private sealed class ReentranceProbe : IDeskEventSubscriber
    {
        private int _inside;
        private int _calls;
        private int _overlaps;
        private Action? _next;

        public void OnNextCall(Action action) => _next = action;

        public int Calls => Volatile.Read(ref _calls);

        public int Overlaps => Volatile.Read(ref _overlaps);

        public async ValueTask OnEventsAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (Interlocked.Increment(ref _inside) > 1)
            {
                Interlocked.Increment(ref _overlaps);
            }

            try
            {
                if (Interlocked.Exchange(ref _next, null) is { } next)
                {
                    next();
                }

                await Task.Yield(); // the call is still running when another could begin
            }
            finally
            {
                Interlocked.Decrement(ref _inside);
            }
        }
    }
}
