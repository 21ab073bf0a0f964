using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// The desk's in-memory queue follows its store through a failed command: when the command's last write (the ticket's save) fails and
/// the transaction rolls back, the queue moves the command made are undone, so <see cref="Routing.TicketQueue.NextFor"/> offers what the
/// stored queue holds. On the databases, where a failure can be injected into the ticket table.
/// </summary>
public sealed class QueueRollbackContractTests
{
    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Desk_PullAndNoActionFailingAtTheTicketSave_LeaveTheQueueAsStored_AndTheNextPullTakesTheSameTicket(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0)));
        stores.AddTo(services);
        services.AddCrmCore();
        using var provided = services.BuildServiceProvider();
        var desk = provided.GetRequiredService<ServiceDesk>();
        var li = desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        var (urgent, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常", Urgency = Urgency.Urgent }, "phone");
        var (later, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "打印机卡纸" }, "email");

        FailTicketUpdates(storage, provider, true);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => desk.PullNextAsync(li.Id));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => desk.MarkNoActionNeededAsync(later, "Li", "重复工单"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => desk.AssignAsync(later, li.Id, "lead"));
        var memory = desk.Queue.Snapshot().Select(q => q.Id).Order().ToList();
        var stored = await storage.Desk().Queue.ListAsync().Select(e => e.TicketId).OrderBy(id => id).ToListAsync();
        var activeAfterFailures = li.ActiveCount;
        FailTicketUpdates(storage, provider, false);
        var (pulled, _) = await desk.PullNextAsync(li.Id);

        Assert.Equal([urgent, later], stored.Order());
        Assert.Equal(stored, memory);
        Assert.Equal(0, activeAfterFailures);
        Assert.Equal(urgent, pulled);
        Assert.Equal([later], await storage.Desk().Queue.ListAsync().Select(e => e.TicketId).ToListAsync());
        Assert.Equal([later], desk.Queue.Snapshot().Select(q => q.Id));
        Assert.Equal(li.Id, (await desk.ViewAsync(urgent)).Ticket.Owner);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task TwoDesksOnOneDatabase_ATicketOnePulled_IsNotPulledAgainByTheOther_WhichTakesTheNextOne(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0));
        using var first = DeskHost.Build(storage, clock);
        using var second = DeskHost.Build(storage, clock);
        var a = first.GetRequiredService<ServiceDesk>();
        var b = second.GetRequiredService<ServiceDesk>();
        a.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        b.RegisterAgent(new AgentId("B001"), "Wang", new TeamId("L1"), SkillSet.Empty, 5);
        await a.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        var (urgent, _) = await a.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常", Urgency = Urgency.Urgent }, "phone");
        var (later, _) = await a.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "打印机卡纸" }, "email");
        Assert.Equal(2, await b.RestoreQueueAsync());

        var (byA, _) = await a.PullNextAsync(new AgentId("A001"));
        var (byB, _) = await b.PullNextAsync(new AgentId("B001"));
        var (none, _) = await b.PullNextAsync(new AgentId("B001"));

        Assert.Equal(urgent, byA);
        Assert.Equal(later, byB);
        Assert.Null(none);
        Assert.Equal(new AgentId("A001"), (await a.ViewAsync(urgent)).Ticket.Owner);
        Assert.Equal(new AgentId("B001"), (await a.ViewAsync(later)).Ticket.Owner);
        Assert.Equal(1, b.Agents.Single().ActiveCount);
        Assert.Empty(await storage.Desk().Queue.ListAsync().ToListAsync());
    }

    // A trigger that makes every update of a stored ticket fail: the last write of a pull, an assignment or a no-action command.
    private static void FailTicketUpdates(StoreProvider storage, string provider, bool fail)
    {
        if (provider == StoreProvider.Postgres)
        {
            storage.ExecuteSql(fail
                ? "CREATE FUNCTION {schema}.fail_ticket() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected ticket failure'; END $$; "
                  + "CREATE TRIGGER fail_ticket BEFORE UPDATE ON {schema}.ticket FOR EACH ROW EXECUTE FUNCTION {schema}.fail_ticket();"
                : "DROP TRIGGER fail_ticket ON {schema}.ticket; DROP FUNCTION {schema}.fail_ticket();");
            return;
        }

        storage.ExecuteSql(fail
            ? "CREATE TRIGGER fail_ticket BEFORE UPDATE ON crm_ticket BEGIN SELECT RAISE(ABORT, 'injected ticket failure'); END;"
            : "DROP TRIGGER fail_ticket;");
    }
}
