using System.Text;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Plans;
using CrmCore.Import.Tables;
using CrmCore.Storage.Sqlite;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests;

/// <summary>
/// The savepoints of a database session (SQLite; the same shared code runs on PostgreSQL): a session a host began sets one around each
/// store write (a store step) and undoes only that write when it fails; a session begun all or nothing (the desk's own commands, an
/// import's batch) sets none. A store step's end without a commit never throws, and a cancellation never leaves a savepoint untracked.
/// </summary>
public sealed class StoreStepTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "crmcore-steps-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly SqliteStorage _storage;

    public StoreStepTests()
    {
        _storage = new SqliteStorage(new SqliteStorageOptions { DataSource = _path });
        // A table of the test's own, written through the database's leases as a store writes.
        Run("CREATE TABLE test_row (n INTEGER NOT NULL)");
    }

    public void Dispose()
    {
        _storage.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task StoreStep_InAHostSession_UndoneWithoutCommit_RemovesAllItsStatements_AndKeepsTheSessionsEarlierWork()
    {
        var database = _storage.Database;
        await using (var host = database.Begin())
        {
            Write(1);
            using (var lease = database.Lease())
            {
                lease.Begin();
                Insert(lease.Command, 2);
                Insert(lease.Command, 3); // two statements: SQLite alone would keep the first when a later one fails
            }

            Assert.Equal([1], Rows());
            Write(4); // the session goes on
            await host.CommitAsync();
        }

        Assert.Equal([1, 4], Rows());
        Assert.Equal(3, database.SavepointsSent); // one per store write of the host's session, the undone one too
    }

    [Fact]
    public async Task StoreStep_Committed_KeepsItsRows_AndTheSavepointIsReleased()
    {
        var database = _storage.Database;
        await using (var host = database.Begin())
        {
            Write(1);
            Write(2);
            // Released, not left open: a rollback to the session's start (its dispose) undoes both, and nothing stays behind.
            Assert.Equal([1, 2], Rows());
            await host.CommitAsync();
        }

        Assert.Equal([1, 2], Rows());
        await using (database.Begin())
        {
            Write(3);
        }

        Assert.Equal([1, 2], Rows());
    }

    [Fact]
    public async Task StoreStep_Undone_EndsTheCallbacksItRegistered_AsRolledBack_AndKeepsTheEarlierOnes()
    {
        var database = _storage.Database;
        var heard = new List<string>();
        await using (var host = database.Begin())
        {
            database.Current!.WhenEnded(committed => heard.Add("before:" + committed));
            using (var lease = database.Lease())
            {
                lease.Begin();
                database.Current!.WhenEnded(committed => heard.Add("inside:" + committed));
            }

            Assert.Equal(["inside:False"], heard); // at once, with the undo
            await host.CommitAsync();
        }

        Assert.Equal(["inside:False", "before:True"], heard);
    }

    [Fact]
    public async Task AllOrNothingSession_StoreWrites_SendNoSavepoint_AndItsRollbackUndoesThemAll()
    {
        var database = _storage.Database;
        await using (var work = database.BeginAllOrNothing())
        {
            Write(1);
            Write(2);
            await work.CommitAsync();
        }

        await using (database.BeginAllOrNothing())
        {
            Write(3);
        }

        Assert.Equal([1, 2], Rows());
        Assert.Equal(0, database.SavepointsSent);
    }

    [Fact]
    public async Task AllOrNothingSession_AStatementThatFailedAndWasCaught_MakesTheCommitThrow_AndRollsEverythingBack()
    {
        var database = _storage.Database;
        await using (var work = database.BeginAllOrNothing())
        {
            Write(1);
            using (var lease = database.Lease())
            {
                lease.Begin();
                Insert(lease.Command, 2);
                Assert.ThrowsAny<System.Data.Common.DbException>(() => lease.Command("INSERT INTO test_row (n) VALUES (NULL)").ExecuteNonQuery());
            }

            Write(3); // a caller that swallowed the failure goes on

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => work.CommitAsync().AsTask());
            Assert.Contains("all-or-nothing", error.InnerException!.Message, StringComparison.Ordinal);
        }

        Assert.Empty(Rows());
    }

    [Fact]
    public async Task AllOrNothing_BegunInsideAHostSession_JoinsIt_WithItsOwnSavepoint()
    {
        var database = _storage.Database;
        await using (var host = database.Begin())
        {
            Write(1);
            await using (database.BeginAllOrNothing())
            {
                Write(2);
            }

            await host.CommitAsync();
        }

        Assert.Equal([1], Rows());
        Assert.Equal(3, database.SavepointsSent); // the host's two store steps and the joined command's savepoint
    }

    [Fact]
    public async Task DeskCommands_SendNoSavepoint_ButInAHostTransactionTheStoreWritesDo()
    {
        var clock = new FakeClock(T0);
        await using var services = Desk(clock);
        var desk = services.GetRequiredService<ServiceDesk>();
        var customer = new CustomerId("KH0001");
        desk.RegisterAgent(new AgentId("A001"), "李工", new TeamId("L1"), SkillSet.Empty, 5);
        await desk.RegisterCustomerAsync(customer, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        var database = _storage.Database;
        var before = database.SavepointsSent;

        var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = customer, Description = "系统登录异常", Urgency = Urgency.Urgent }, "phone");
        await desk.PullNextAsync(new AgentId("A001"));
        await desk.RespondAsync(id, "A001", "正在排查");
        Assert.Equal(before, database.SavepointsSent);
        Assert.Equal(TicketStatus.InProgress, (await _storage.Tickets.FindAsync(id))!.Status);

        await using (var host = _storage.Transactions.Begin())
        {
            await desk.RaiseAsync(new TicketRequest { CustomerId = customer, Description = "网络中断" }, "phone");
            await host.CommitAsync();
        }

        // The command's joined savepoint, and one per store write of the host's session (the ticket, the queue, the id, …).
        Assert.True(database.SavepointsSent - before > 2, $"{database.SavepointsSent - before} savepoints");
    }

    [Fact]
    public async Task ImportBatch_SendsNoSavepoint_AndWritesItsRows()
    {
        await _storage.Customers.SaveAsync(Customer.Create(new CustomerId("KH001"), new CustomerProfile { Name = "科技", FirstContactOn = new LocalDate(2024, 1, 1) }, T0).ToState(), 0);
        var database = _storage.Database;
        var before = database.SavepointsSent;
        var csv = """
            客户编号,客户名称,客户等级,计划沟通周期,沟通方式,沟通内容要点,负责人,计划执行时间,实际执行时间,客户反馈,后续行动项,完成状态
            KH001,科技,A,每周1次,电话,续约意向调研,王经理,2024-03-20,2024-03-20,同意,制定方案,进行中
            KH001,科技,A,每月1次,拜访,技术培训需求,王经理,2024-04-20,,,,未开始
            """;
        var importer = new PlanImporter(_storage.ContactPlans, _storage.Customers, new FakeClock(T0),
            new TableImportOptions<PlanField> { Transactions = _storage.Transactions, Culture = System.Globalization.CultureInfo.InvariantCulture });

        var report = await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "plans.csv");

        Assert.Equal(2, report.Totals.Inserted);
        Assert.Equal(2, await _storage.ContactPlans.ListAsync(new CrmCore.Relationships.ContactPlanQuery()).CountAsync());
        Assert.Equal(before, database.SavepointsSent);
    }

    [Fact]
    public async Task StoreStep_TokenCancelledWhileTheSavepointIsBeingSent_TheSavepointIsSetAndTracked_AndTheWriteCompletes()
    {
        var database = _storage.Database;
        using var cancel = new CancellationTokenSource();
        database.BeforeStoreSavepoint = cancel.Cancel;
        await using (var host = database.Begin())
        {
            await using (var lease = await database.LeaseAsync(cancel.Token))
            {
                await lease.BeginAsync(cancel.Token); // checked before the SAVEPOINT, which goes without the token
                Insert(lease.Command, 1);
                await lease.CommitAsync(CancellationToken.None);
            }

            database.BeforeStoreSavepoint = null;
            Write(2);
            await host.CommitAsync();
        }

        Assert.True(cancel.IsCancellationRequested);
        Assert.Equal([1, 2], Rows());
    }

    [Fact]
    public async Task StoreStep_WithATokenCancelledBefore_SendsNoSavepoint_AndTheSessionStaysUsable()
    {
        var database = _storage.Database;
        await using (var host = database.Begin())
        {
            Write(1);
            var sent = database.SavepointsSent;
            await using (var lease = await database.LeaseAsync(CancellationToken.None))
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await lease.BeginAsync(new CancellationToken(canceled: true)));
            }

            Assert.Equal(sent, database.SavepointsSent);
            Write(2);
            await host.CommitAsync();
        }

        Assert.Equal([1, 2], Rows());
    }

    [Fact]
    public async Task StoreStepUndo_OnAClosedConnection_DoesNotThrow_AndTheHostsCommitReportsTheBrokenSession()
    {
        var database = _storage.Database;
        var host = database.Begin();
        await using (host)
        {
            Write(1);
            var lease = database.Lease();
            lease.Begin();
            lease.Connection.Close(); // the driver now throws InvalidOperationException, not a DbException, for the rollback
            lease.Dispose(); // must not replace the store call's own error

            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.CommitAsync());
            Assert.Contains("rolled back", error.Message, StringComparison.Ordinal);
            Assert.IsType<InvalidOperationException>(error.InnerException);
        }

        Assert.Empty(Rows());
    }

    [Fact]
    public async Task StoreStepUndo_WhoseCallbackThrows_DoesNotThrow_AndTheHostsCommitCarriesTheCallbacksFailure()
    {
        var database = _storage.Database;
        var thrown = new InvalidOperationException("an undone callback failed");
        var host = database.Begin();
        await using (host)
        {
            Write(1);
            await using (var lease = await database.LeaseAsync(CancellationToken.None))
            {
                await lease.BeginAsync(CancellationToken.None);
                database.Current!.WhenEnded(_ => throw thrown);
            } // disposed without a commit: the callback runs (false) and throws; the dispose does not

            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.CommitAsync());
            Assert.Same(thrown, Assert.Single(Assert.IsType<Exception[]>(error.Data["CrmCore.StoreTransaction.CallbackFailures"])));
        }

        Assert.Empty(Rows());
    }

    [Fact]
    public async Task StoreStepUndo_WhoseCallbackThrows_InASessionDisposedWithoutCommit_ThrowsItFromTheDispose()
    {
        var database = _storage.Database;
        var thrown = new InvalidOperationException("an undone callback failed");
        var host = database.Begin();
        Write(1);
        using (var lease = database.Lease())
        {
            lease.Begin();
            database.Current!.WhenEnded(_ => throw thrown);
        }

        // Reported, not lost: after the rollback, by the dispose of the session that owns it.
        Assert.Same(thrown, await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.DisposeAsync()));
        Assert.Empty(Rows());
    }

    private ServiceProvider Desk(IClock clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton<ITicketRepository>(_storage.Tickets);
        services.AddSingleton(_storage.Customers);
        services.AddSingleton(_storage.Queue);
        services.AddSingleton(_storage.Sequences);
        services.AddSingleton(_storage.Escalations);
        services.AddSingleton(_storage.Transactions);
        services.AddCrmCore();
        return services.BuildServiceProvider();
    }

    // A store write of its own: a lease, a step, one row, a commit.
    private void Write(long n)
    {
        using var lease = _storage.Database.Lease();
        lease.Begin();
        Insert(lease.Command, n);
        lease.Commit();
    }

    // Through a lease's kept command (a method group: the lease's type is internal to each provider).
    private static void Insert(Func<string, System.Data.Common.DbCommand> commandOf, long n)
    {
        var command = commandOf("INSERT INTO test_row (n) VALUES ($n)");
        command.Parameters.Clear();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$n";
        parameter.Value = n;
        command.Parameters.Add(parameter);
        command.ExecuteNonQuery();
    }

    // The rows as the current flow sees them (inside a session: its own uncommitted writes too).
    private List<long> Rows()
    {
        using var lease = _storage.Database.Lease();
        var command = lease.Command("SELECT n FROM test_row ORDER BY n");
        var rows = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetInt64(0));
        }

        return rows;
    }

    private void Run(string sql)
    {
        using var lease = _storage.Database.Lease();
        lease.Command(sql).ExecuteNonQuery();
    }
}
