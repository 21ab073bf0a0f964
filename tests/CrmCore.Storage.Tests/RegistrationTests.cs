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
                Assert.IsNotType<CrmCore.Relationships.InMemoryContactPlanRepository>(provider.GetRequiredService<CrmCore.Relationships.ContactPlanBook>().Store);
                Assert.IsNotType<CrmCore.Assets.ScanningModelTicketCounts>(provider.GetRequiredService<CrmCore.Assets.IModelTicketCounts>());
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
            TicketId first, second;
            await using (var provider = Host(path, clock))
            {
                var desk = provider.GetRequiredService<ServiceDesk>();
                await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
                (first, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常" }, "phone");
                (second, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "打印机卡纸" }, "phone");
            }

            await using var restarted = Host(path, clock);
            var again = restarted.GetRequiredService<ServiceDesk>();
            again.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
            await using var unrestored = Host(path, clock);
            var other = unrestored.GetRequiredService<ServiceDesk>();
            other.RegisterAgent(new AgentId("B001"), "Wang", new TeamId("L1"), SkillSet.Empty, 5);

            var restored = await again.RestoreQueueAsync();
            var (pulled, _) = await again.PullNextAsync(new AgentId("A001"));
            // A desk that never restores replays the stored queue's changes at its first queue command.
            var (pulledWithoutRestore, _) = await other.PullNextAsync(new AgentId("B001"));

            Assert.Equal(2, restored);
            Assert.Equal(first, pulled);
            Assert.Equal(second, pulledWithoutRestore);
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

    [Fact]
    public async Task AddCrmSqliteStorage_ARestartedDeskRestoresItsAgentsAndTeams_AndRoutesToARestoredAgent()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-di-" + Guid.NewGuid().ToString("N") + ".db");
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 1, 0));
        var li = new AgentId("A001");
        var wang = new AgentId("A002");
        try
        {
            TicketId held, waiting;
            await using (var provider = Host(path, clock))
            {
                var desk = provider.GetRequiredService<ServiceDesk>();
                await desk.RegisterTeamAsync(new Team(new TeamId("L1"), "一线客服", new TeamId("L2")));
                await desk.RegisterTeamAsync(new Team(new TeamId("L2"), "二线技术支持"));
                await desk.RegisterAgentAsync(li, "Li", new TeamId("L1"), SkillSet.Create(new SkillLevel(Skill.Technical, 2)), 1);
                var other = await desk.RegisterAgentAsync(wang, "Wang", new TeamId("L2"), SkillSet.Empty, 5);
                other.SetAvailability(Availability.Offline);
                await desk.SaveAgentAsync(wang);
                await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
                (held, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常" }, "phone");
                Assert.Equal(held, (await desk.PullNextAsync(li)).Id);
                (waiting, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "打印机卡纸" }, "email");
            }

            await using var restarted = Host(path, clock);
            var again = restarted.GetRequiredService<ServiceDesk>();
            Assert.Empty(again.Agents);

            var agents = await again.RestoreAgentsAsync();
            await again.RestoreQueueAsync();
            var restoredLi = again.Agents.Single(a => a.Id == li);
            var (whileFull, _) = await again.PullNextAsync(li);
            await again.StartAsync(held, "Li");
            await again.ResolveAsync(held, "Li", "重置密码");
            var (pulled, _) = await again.PullNextAsync(li);

            Assert.Equal(2, agents);
            Assert.Equal(0, await again.RestoreAgentsAsync());
            Assert.Equal([new TeamId("L1"), new TeamId("L2")], again.Teams.Select(t => t.Id).Order());
            Assert.Equal(new TeamId("L2"), again.Teams.Single(t => t.Id == new TeamId("L1")).Fallback);
            Assert.Equal(Availability.Offline, again.Agents.Single(a => a.Id == wang).Availability);
            Assert.Equal((Availability.Online, 1, 2), (restoredLi.Availability, restoredLi.Capacity, restoredLi.Skills.LevelOf(Skill.Technical)));
            Assert.Null(whileFull);
            Assert.Equal(waiting, pulled);
            Assert.Equal(1, restoredLi.ActiveCount);
            Assert.Equal(li, (await again.ViewAsync(waiting)).Ticket.Owner);
            var store = restarted.GetRequiredService<IAgentRepository>();
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(restoredLi.ToState(1), 0).AsTask());
            Assert.Equal(2, (await store.FindAsync(wang))!.Version);
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
    public async Task AddCrmSqliteStorage_TheReadmesRegisterAgentAsyncSurvivesARestart_AMemoryOnlyAgentDoesNot_AndItsPullSaysWhatToDo()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-di-" + Guid.NewGuid().ToString("N") + ".db");
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 1, 0));
        var (li, wang) = (new AgentId("A001"), new AgentId("A002"));
        try
        {
            TicketId raised;
            await using (var provider = Host(path, clock))
            {
                var desk = provider.GetRequiredService<ServiceDesk>();
                await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
                await desk.RegisterAgentAsync(li, "李工", new TeamId("L1"), SkillSet.Of(new Skill("Technical")), capacity: 5);
                desk.RegisterAgent(wang, "王工", new TeamId("L1"), SkillSet.Of(new Skill("Technical")), capacity: 5);
                (raised, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常" }, "phone");
            }

            await using var restarted = Host(path, clock);
            var again = restarted.GetRequiredService<ServiceDesk>();
            var agents = await again.RestoreAgentsAsync();
            var queued = await again.RestoreQueueAsync();
            var unknown = await Assert.ThrowsAsync<ArgumentException>("agent", () => again.PullNextAsync(wang));
            var (pulled, _) = await again.PullNextAsync(li);

            Assert.Equal((1, 1), (agents, queued));
            Assert.Equal([li], again.Agents.Select(a => a.Id));
            Assert.StartsWith("Agent A002 is not registered with the desk. Register it with RegisterAgentAsync", unknown.Message, StringComparison.Ordinal);
            Assert.Contains("call RestoreAgentsAsync at start-up", unknown.Message, StringComparison.Ordinal);
            Assert.Equal(raised, pulled);
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
    public async Task AddCrmSqliteStorage_DisposingTheContainer_ClosesTheKeptConnections_SoTheWalIsCheckpointedAndTheFileIsFree()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-di-" + Guid.NewGuid().ToString("N") + ".db");
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 1, 0));
        try
        {
            var provider = Host(path, clock);
            var storage = provider.GetRequiredService<SqliteStorage>();
            var desk = provider.GetRequiredService<ServiceDesk>();
            await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
            var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常" }, "phone");
            var walWhileOpen = File.Exists(path + "-wal");

            await provider.DisposeAsync();

            Assert.True(walWhileOpen);
            Assert.False(File.Exists(path + "-wal")); // SQLite removes the WAL when its last connection closes
            await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.Tickets.FindAsync(id).AsTask());
            using (var exclusive = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                exclusive.Open();
                using var command = exclusive.CreateCommand();
                command.CommandText = "PRAGMA journal_mode = DELETE;"; // leaving WAL needs the only connection
                Assert.Equal("delete", command.ExecuteScalar());
                command.CommandText = "SELECT COUNT(*) FROM crm_ticket;";
                Assert.Equal(1L, command.ExecuteScalar());
            }

            File.Delete(path);
            await using var reopened = Host(path, clock);
            Assert.Null(await reopened.GetRequiredService<ITicketRepository>().FindAsync(id));
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
        services.AddCrmRelationships();
        services.AddCrmSqliteStorage(path);
        return services.BuildServiceProvider();
    }
}
