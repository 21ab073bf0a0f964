using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>An overflowed ticket keeps its original group (<see cref="TicketState.RoutedGroup"/>) on every store, through restarts and saves.</summary>
public sealed class OverflowContractTests
{
    private static readonly TeamId Overflow = new("L2-overflow");

    public static TheoryData<string> Providers => StoreProvider.All();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Overflow_MovesTheQueueEntry_AndTheTicketKeepsItsOriginalGroup_ThroughARestartAndAPull(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0));
        TicketId id;
        TeamId original;
        using (var host = Host(storage, clock))
        {
            var desk = host.GetRequiredService<ServiceDesk>();
            desk.RegisterAgent(new AgentId("A-over"), "Zhao", Overflow, SkillSet.Empty, 5);
            await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "A");
            (id, var raised) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常", Urgency = Urgency.Urgent }, "phone");
            original = raised.Events.OfType<TicketQueued>().Single().Group;
            Assert.NotEqual(Overflow, original);

            clock.Advance(Duration.FromMinutes(31));
            var advanced = await desk.AdvanceAsync();

            var overflowed = Assert.Single(advanced.Events.OfType<TicketOverflowed>());
            Assert.Equal((original, Overflow), (overflowed.From, overflowed.To));
        }

        var stores = storage.Desk();
        Assert.Equal(original, (await stores.Tickets.FindAsync(id))!.RoutedGroup);
        Assert.Equal(Overflow, Assert.Single(await stores.Queue.ListAsync().ToListAsync()).Group);

        using (var restarted = Host(storage, clock))
        {
            var desk = restarted.GetRequiredService<ServiceDesk>();
            desk.RegisterAgent(new AgentId("A-over"), "Zhao", Overflow, SkillSet.Empty, 5);
            Assert.Equal(1, await desk.RestoreQueueAsync());
            var (pulled, _) = await desk.PullNextAsync(new AgentId("A-over"));
            Assert.Equal(id, pulled);
            await desk.StartAsync(id, "A-over");
        }

        var saved = (await storage.Desk().Tickets.FindAsync(id))!;
        Assert.Equal(new AgentId("A-over"), saved.Owner);
        Assert.Equal(original, saved.RoutedGroup); // saves from the restored aggregate keep it
        Assert.Equal(original, Ticket.Restore(saved).RoutedGroup);
    }

    private static ServiceProvider Host(StoreProvider storage, IClock clock)
    {
        var stores = storage.Desk();
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        stores.AddTo(services);
        services.AddCrmCore(o =>
        {
            o.Desk.OverflowGroup = Overflow;
            o.Desk.OverflowAfter = Duration.FromMinutes(30);
        });
        return services.BuildServiceProvider();
    }
}
