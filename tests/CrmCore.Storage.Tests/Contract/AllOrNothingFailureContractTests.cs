using System.Data.Common;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using Npgsql;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// What a caller of a transaction begun all or nothing (<see cref="IStoreTransactions.BeginAllOrNothing"/>) may catch and go on past. No
/// savepoint guards a store call there, so on PostgreSQL any statement that fails, a read's too, aborts the whole transaction (25P02 for
/// every later statement, and the server answers COMMIT with a silent ROLLBACK): such a transaction's commit must throw and commit
/// nothing. A store call that fails without a failing statement and without having written (a conflict, a missing row) leaves it fit to
/// commit. On SQLite a failed read undoes nothing and leaves the transaction going, so the rest commits.
/// </summary>
public sealed class AllOrNothingFailureContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static TheoryData<string> Databases => StoreProvider.Databases();

    // The driver itself: PostgreSQL answers the COMMIT of an aborted transaction with ROLLBACK, and Npgsql reports no error for it. This is
    // why the store transaction cannot rely on the driver's commit to say that nothing was committed.
    [PostgresFact]
    public async Task Npgsql_CommitOfATransactionAbortedByAFailedStatement_ThrowsNothing_AndCommitsNothing()
    {
        var table = "crm_t_commit_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(TestPostgres.Require());
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} (n int NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await using (var insert = new NpgsqlCommand($"INSERT INTO {table} VALUES (1)", connection, transaction))
                {
                    await insert.ExecuteNonQueryAsync();
                }

                await using (var failing = new NpgsqlCommand("SELECT 1 / 0", connection, transaction))
                {
                    var failed = await Assert.ThrowsAsync<PostgresException>(() => failing.ExecuteScalarAsync());
                    Assert.Equal(PostgresErrorCodes.DivisionByZero, failed.SqlState);
                }

                await transaction.CommitAsync(); // no exception: the silent rollback
            }

            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            Assert.Equal(0L, await count.ExecuteScalarAsync());
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP TABLE {table}", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    // A read whose statement fails (here: the table it reads is gone) after the transaction wrote. PostgreSQL: the failure aborted the
    // transaction, so its commit throws and nothing is committed. SQLite: a failed SELECT neither rolls back the transaction nor undoes
    // an earlier statement, so the caller that caught it commits its write.
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AllOrNothing_ACaughtReadWhoseStatementFailed_PostgreSqlCommitsNothing_SqliteCommitsTheRest(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var customer = Customer("C202603001");
        Assert.Null(await stores.Escalations.FindAsync(new TicketId("WT202603001"))); // the schema is made
        storage.ExecuteSql(provider == StoreProvider.Postgres ? "DROP TABLE {schema}.escalation_state" : "DROP TABLE crm_escalation_state");

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await stores.Customers.SaveAsync(customer, 0);
            await Assert.ThrowsAnyAsync<DbException>(() => stores.Escalations.FindAsync(new TicketId("WT202603001")).AsTask());

            if (provider == StoreProvider.Postgres)
            {
                var error = await Assert.ThrowsAsync<InvalidOperationException>(() => work.CommitAsync().AsTask());
                Assert.Contains("rolled back", error.Message, StringComparison.Ordinal);
                // The checked commit's failure (the server's 25P02), not the store's own "a part of it failed" one.
                Assert.Equal(PostgresErrorCodes.InFailedSqlTransaction, Assert.IsType<PostgresException>(error.InnerException).SqlState);
            }
            else
            {
                await work.CommitAsync();
            }
        }

        var stored = await storage.Desk().Customers.FindAsync(customer.Id);
        Assert.Equal(provider == StoreProvider.Sqlite, stored is not null);
    }

    // The same in a host's transaction (Begin()): a store write there runs under a savepoint of its own, a read does not, so on
    // PostgreSQL a caught read failure aborts the host's transaction as well, and its commit says so instead of rolling back silently.
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task HostTransaction_ACaughtReadWhoseStatementFailed_PostgreSqlCommitsNothing_SqliteCommitsTheRest(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var customer = Customer("C202603001");
        Assert.Null(await stores.Escalations.FindAsync(new TicketId("WT202603001")));
        storage.ExecuteSql(provider == StoreProvider.Postgres ? "DROP TABLE {schema}.escalation_state" : "DROP TABLE crm_escalation_state");

        await using (var work = stores.Transactions.Begin())
        {
            await stores.Customers.SaveAsync(customer, 0);
            await Assert.ThrowsAnyAsync<DbException>(() => stores.Escalations.FindAsync(new TicketId("WT202603001")).AsTask());

            if (provider == StoreProvider.Postgres)
            {
                var error = await Assert.ThrowsAsync<InvalidOperationException>(() => work.CommitAsync().AsTask());
                Assert.Equal(PostgresErrorCodes.InFailedSqlTransaction, Assert.IsType<PostgresException>(error.InnerException).SqlState);
            }
            else
            {
                await work.CommitAsync();
            }
        }

        Assert.Equal(provider == StoreProvider.Sqlite, await storage.Desk().Customers.FindAsync(customer.Id) is not null);
    }

    // The fault a host meets in practice: a read cancelled while its statement runs on the server (here it waits for another
    // transaction's lock). The server cancels the statement, which aborts the transaction.
    [PostgresFact]
    public async Task AllOrNothing_OnPostgreSql_ACaughtReadCancelledWhileItsStatementRan_CannotBeCommitted()
    {
        using var storage = StoreProvider.Create(StoreProvider.Postgres);
        var stores = storage.Desk();
        var customer = Customer("C202603001");
        var ticket = new TicketId("WT202603001");
        Assert.Null(await stores.Tickets.FindAsync(ticket)); // the schema is made
        var (connectionString, schema) = storage.PostgresTarget;

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await stores.Customers.SaveAsync(customer, 0);

            await using var blocker = new NpgsqlConnection(connectionString);
            await blocker.OpenAsync();
            await using (var hold = await blocker.BeginTransactionAsync())
            {
                await using (var lockTable = new NpgsqlCommand($"LOCK TABLE {schema}.ticket IN ACCESS EXCLUSIVE MODE", blocker, hold))
                {
                    await lockTable.ExecuteNonQueryAsync();
                }

                using var cancel = new CancellationTokenSource();
                var read = stores.Tickets.FindAsync(ticket, cancel.Token).AsTask();
                await WaitForALockWaitAsync(connectionString, $"{schema}.ticket");
                await cancel.CancelAsync();
                var failed = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
                Assert.Equal(PostgresErrorCodes.QueryCanceled, Assert.IsType<PostgresException>(failed.InnerException).SqlState);
                await hold.RollbackAsync();
            }

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => work.CommitAsync().AsTask());
            Assert.Contains("rolled back", error.Message, StringComparison.Ordinal);
            Assert.Equal(PostgresErrorCodes.InFailedSqlTransaction, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        }

        Assert.Null(await storage.Desk().Customers.FindAsync(customer.Id));
    }

    // A read that fails before any statement of it is sent (its token was cancelled already) leaves the transaction as it was, on both
    // databases: the caller that caught it commits.
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AllOrNothing_ACaughtReadCancelledBeforeItsStatement_LeavesTheTransactionFitToCommit(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var customer = Customer("C202603001");

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await stores.Customers.SaveAsync(customer, 0);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stores.Tickets.FindAsync(new TicketId("WT202603001"), new CancellationToken(canceled: true)).AsTask());
            await work.CommitAsync();
        }

        Assert.NotNull(await storage.Desk().Customers.FindAsync(customer.Id));
    }

    // A failed read inside a nested Begin() is undone with it on PostgreSQL (its rollback to the savepoint ends the abort): the outer
    // transaction commits the rest.
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AllOrNothing_AReadThatFailedInsideANestedBegin_RolledBack_LeavesTheOuterFitToCommit(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var customer = Customer("C202603001");
        Assert.Null(await stores.Escalations.FindAsync(new TicketId("WT202603001")));
        storage.ExecuteSql(provider == StoreProvider.Postgres ? "DROP TABLE {schema}.escalation_state" : "DROP TABLE crm_escalation_state");

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await stores.Customers.SaveAsync(customer, 0);
            await using (stores.Transactions.Begin())
            {
                await Assert.ThrowsAnyAsync<DbException>(() => stores.Escalations.FindAsync(new TicketId("WT202603001")).AsTask());
            }

            await work.CommitAsync();
        }

        Assert.NotNull(await storage.Desk().Customers.FindAsync(customer.Id));
    }

    // A roll-back to a version that was never published fails having written nothing (PostgreSQL's name lock is no row): the caller
    // that caught it commits what it published before.
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AllOrNothing_ACaughtRollBackToAMissingVersion_LeavesTheTransactionFitToCommit(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await stores.Publications.PublishAsync(PublicationKind.RuleSet, "routing", "{\"v\":1}", "ops", T0);
            await Assert.ThrowsAsync<PublicationNotFoundException>(() => stores.Publications.RollBackAsync(PublicationKind.RuleSet, "routing", 7, "ops", T0));
            await work.CommitAsync();
        }

        var current = await storage.Desk().Publications.GetCurrentAsync(PublicationKind.RuleSet, "routing");
        Assert.Equal((1, "{\"v\":1}"), (current!.Version.Version, current.Content));
    }

    // A batch of new tickets whose second one exists already: the first was written when the conflict is found, so the call failed half
    // done and the transaction cannot commit (nothing of it, the earlier customer neither).
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AllOrNothing_ACaughtBatchOfNewTicketsWhoseSecondExists_CannotBeCommitted(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var customer = Customer("C202603001");
        var first = NewTicket("WT202603001");
        var second = NewTicket("WT202603002");
        await stores.Tickets.SaveAsync(second, 0, []);

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await stores.Customers.SaveAsync(customer, 0);
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stores.SaveNewTickets!([(first, []), (second, [])]));

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => work.CommitAsync().AsTask());
            Assert.Contains("rolled back", error.Message, StringComparison.Ordinal);
        }

        var after = storage.Desk();
        Assert.Null(await after.Tickets.FindAsync(first.Id));
        Assert.Null(await after.Customers.FindAsync(customer.Id));
        Assert.Equal(1, (await after.Tickets.FindAsync(second.Id))!.Version);
    }

    // The same batch whose FIRST ticket exists wrote nothing when it fails: catchable, the rest commits.
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AllOrNothing_ACaughtBatchOfNewTicketsWhoseFirstExists_LeavesTheTransactionFitToCommit(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var customer = Customer("C202603001");
        var first = NewTicket("WT202603001");
        var second = NewTicket("WT202603002");
        await stores.Tickets.SaveAsync(first, 0, []);

        await using (var work = stores.Transactions.BeginAllOrNothing())
        {
            await stores.Customers.SaveAsync(customer, 0);
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stores.SaveNewTickets!([(first, []), (second, [])]));
            await work.CommitAsync();
        }

        var after = storage.Desk();
        Assert.NotNull(await after.Customers.FindAsync(customer.Id));
        Assert.Null(await after.Tickets.FindAsync(second.Id));
    }

    // Polls the server until some backend waits for a lock on the table (the read was sent and is blocked).
    private static async Task WaitForALockWaitAsync(string connectionString, string table)
    {
        await using var probe = new NpgsqlConnection(connectionString);
        await probe.OpenAsync();
        await using var waiting = new NpgsqlCommand($"SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = '{table}'::regclass", probe);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The read never waited for the table's lock.");
            await Task.Delay(20);
        }
    }

    private static CustomerState Customer(string id) => new() { Id = new CustomerId(id), Version = 1, Name = "Solo", FirstContactOn = new LocalDate(2026, 1, 1), CreatedAt = T0 };

    private static TicketState NewTicket(string id) =>
        Ticket.Open(new TicketId(id), new TicketRequest { CustomerId = new CustomerId("C202603001"), Description = "打印机卡纸", Urgency = Urgency.Urgent },
            new AgentId("A-alice"), "desk", T0).ToState();
}
