using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Identifiers;
using CrmCore.Storage.Sqlite;
using CrmCore.Tickets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests;

/// <summary><c>AddCrmCore().AddCrmSqliteStorage(path)</c>: the desk runs on the file, and a restarted host sees what the first wrote.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public async Task AddCrmSqliteStorage_TheDeskPersists_AndARestartedHostContinuesTheIds()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-di-" + Guid.NewGuid().ToString("N") + ".db");
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 1, 0));
        try
        {
            TicketId first;
            await using (var provider = Host(path, clock))
            {
                Assert.IsAssignableFrom<IOutboxTicketRepository>(provider.GetRequiredService<ITicketRepository>());
                Assert.IsNotType<InMemoryQueueRepository>(provider.GetRequiredService<IQueueRepository>());
                var desk = provider.GetRequiredService<ServiceDesk>();
                await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
                (first, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常" }, "phone");
            }

            await using (var restarted = Host(path, clock))
            {
                var desk = restarted.GetRequiredService<ServiceDesk>();
                var view = await desk.ViewAsync(first);
                Assert.Equal(first, view.Ticket.Id);
                Assert.Equal("上海某某制造有限公司", view.Customer!.Name);
                var (second, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "打印机卡纸" }, "email");
                Assert.NotEqual(first, second);
                Assert.Equal("WT202603001", first.Value);
                Assert.Equal("WT202603002", second.Value);
                Assert.Equal(2, await restarted.GetRequiredService<ITicketRepository>().ListAsync(TicketQuery.All).CountAsync());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    [Fact]
    public async Task AddCrmSqliteStorage_ARestartedDeskRestoresItsQueue_AndAnAgentPullsWhatWasQueuedBefore()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-di-" + Guid.NewGuid().ToString("N") + ".db");
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 1, 0));
        try
        {
            TicketId first;
            await using (var provider = Host(path, clock))
            {
                var desk = provider.GetRequiredService<ServiceDesk>();
                await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
                (first, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常" }, "phone");
            }

            await using var restarted = Host(path, clock);
            var again = restarted.GetRequiredService<ServiceDesk>();
            again.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
            var (before, _) = await again.PullNextAsync(new AgentId("A001"));

            var restored = await again.RestoreQueueAsync();
            var (pulled, _) = await again.PullNextAsync(new AgentId("A001"));

            Assert.Null(before);
            Assert.Equal(1, restored);
            Assert.Equal(first, pulled);
            Assert.Equal(0, await again.RestoreQueueAsync());
            Assert.Equal(new AgentId("A001"), (await again.ViewAsync(first)).Ticket.Owner);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static ServiceProvider Host(string path, IClock clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddCrmCore();
        services.AddCrmSqliteStorage(path);
        return services.BuildServiceProvider();
    }
}
