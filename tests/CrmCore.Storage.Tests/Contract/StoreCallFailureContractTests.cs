using System.Data.Common;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// A store call that fails inside a host's <see cref="IStoreTransactions"/> transaction, alike on SQLite and PostgreSQL: it reports its
/// own error, leaves nothing of itself, and the host's transaction stays usable (on PostgreSQL a failed statement would otherwise abort
/// the transaction, 25P02, for every later command). And a publish that waits for another host's open transaction past the provider's
/// limit throws <see cref="TimeoutException"/> naming the publication, not the driver's exception. The failures are made real by a
/// check the test adds to the table (a trigger on SQLite, a constraint on PostgreSQL); one fails a store call at its second statement,
/// after its first was written, which SQLite would keep without the call's savepoint (it undoes only the failing statement itself).
/// </summary>
public sealed class StoreCallFailureContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Publish_FailingInAHostTransaction_ReportsItsError_AndTheTransactionStaysUsableAndCommits(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var publications = stores.Publications;
        Assert.Null(await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules")); // the schema is prepared
        Refuse(storage, provider, "publication", "content = 'refused'");

        await using (var transaction = stores.Transactions.Begin())
        {
            Assert.Equal(1, (await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":1}", "ana", T0)).Version);
            var error = await Assert.ThrowsAnyAsync<DbException>(() => publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "refused", "bo", T0));
            Assert.Contains("test_refused", error.Message, StringComparison.Ordinal);

            // The same transaction goes on: a read, another publish of the same name and one of another name, then the commit.
            Assert.Equal(1, (await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"))!.Version.Version);
            Assert.Equal(2, (await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":2}", "bo", T0)).Version);
            Assert.Equal(1, (await publications.PublishAsync(PublicationKind.Calendar, "cn-standard", "{}", "bo", T0)).Version);
            await transaction.CommitAsync();
        }

        var after = storage.Publications(); // a restarted host
        Assert.Equal([1, 2], (await after.ListAsync(PublicationKind.RuleSet, "crm-rules")).Select(v => v.Version));
        Assert.Equal("{\"v\":2}", (await after.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"))!.Content);
        Assert.Equal(1, (await after.GetCurrentAsync(PublicationKind.Calendar, "cn-standard"))!.Version.Version);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task EscalationSave_FailingInAHostTransaction_LeavesTheTransactionUsable_AndTheHostsOtherWritesCommit(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var first = new TicketId("WT202603001");
        var second = new TicketId("WT202603002");
        Assert.Null(await stores.Escalations.FindAsync(first)); // the schema is prepared
        Refuse(storage, provider, "escalation_state", "version >= 100");

        await using (var transaction = stores.Transactions.Begin())
        {
            await stores.Escalations.SaveAsync(State(first, 1), expectedVersion: 0);
            var error = await Assert.ThrowsAnyAsync<DbException>(() => stores.Escalations.SaveAsync(State(second, 100), expectedVersion: 0).AsTask());
            Assert.Contains("test_refused", error.Message, StringComparison.Ordinal);
            Assert.Null(await stores.Escalations.FindAsync(second));
            await stores.Escalations.SaveAsync(State(second, 1), expectedVersion: 0);
            await stores.Escalations.SaveAsync(State(first, 2), expectedVersion: 1);
            await transaction.CommitAsync();
        }

        var after = storage.Desk().Escalations;
        Assert.Equal(2, (await after.FindAsync(first))!.Version);
        Assert.Equal(1, (await after.FindAsync(second))!.Version);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task CustomerSave_FailingAtItsSecondStatementInAHostTransaction_LeavesNothingOfItself_AndTheHostsOtherWritesCommit(string provider)
    {
        // The save writes the customer row, then its keys: the key insert is refused, after the customer row was written. SQLite undoes
        // only the failing statement by itself; without the store call's savepoint the customer row would stay and commit with the host.
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var customers = stores.Customers;
        Assert.Null(await customers.FindAsync(new CustomerId("KH0002"))); // the schema is prepared
        Refuse(storage, provider, "customer_key", "customer_id = 'KH0002'", "customer_id");

        await using (var transaction = stores.Transactions.Begin())
        {
            await customers.SaveAsync(Customer("KH0001"), 0);
            var error = await Assert.ThrowsAnyAsync<DbException>(() => customers.SaveAsync(Customer("KH0002"), 0).AsTask());
            Assert.Contains("test_refused", error.Message, StringComparison.Ordinal);
            Assert.Null(await customers.FindAsync(new CustomerId("KH0002")));
            await customers.SaveAsync(Customer("KH0003"), 0);
            await transaction.CommitAsync();
        }

        var after = storage.Desk().Customers;
        Assert.NotNull(await after.FindAsync(new CustomerId("KH0001")));
        Assert.Null(await after.FindAsync(new CustomerId("KH0002")));
        Assert.NotNull(await after.FindAsync(new CustomerId("KH0003")));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Publish_InANestedUnitThatFails_RollsBackTheUnit_AndTheHostTransactionCommitsItsOwnWork(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var publications = stores.Publications;
        Assert.Null(await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"));
        Refuse(storage, provider, "publication", "content = 'refused'");

        await using (var host = stores.Transactions.Begin())
        {
            await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":1}", "ana", T0);
            await using (stores.Transactions.Begin())
            {
                await publications.PublishAsync(PublicationKind.Calendar, "cn-standard", "{}", "bo", T0);
                await Assert.ThrowsAnyAsync<DbException>(() => publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "refused", "bo", T0));
            }

            Assert.Null(await publications.GetCurrentAsync(PublicationKind.Calendar, "cn-standard")); // the unit is undone, all of it
            await host.CommitAsync();
        }

        Assert.Equal([1], (await publications.ListAsync(PublicationKind.RuleSet, "crm-rules")).Select(v => v.Version));
        Assert.Empty(await publications.ListAsync(PublicationKind.Calendar, "cn-standard"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Publish_OfAnotherHost_WaitingPastItsLimit_ThrowsTimeoutExceptionNamingThePublication_AndPublishesNothing(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        using var impatient = ImpatientHost(storage, provider, out var other);
        Assert.Null(await other.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules")); // its schema check is done before the transaction

        await using (var transaction = stores.Transactions.Begin())
        {
            await stores.Publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":1}", "ana", T0);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<TimeoutException>(() => other.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":2}", "bo", T0));
            Assert.True(started.Elapsed >= TimeSpan.FromSeconds(0.9), $"gave up after {started.Elapsed}");
            Assert.Contains("rule set 'crm-rules'", error.Message, StringComparison.Ordinal);
            Assert.Contains(provider == StoreProvider.Sqlite ? "BusyTimeout" : "Command Timeout", error.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<DbException>(error.InnerException);

            // The host's transaction is not disturbed by the other host's failure.
            Assert.Equal(2, (await stores.Publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":3}", "ana", T0)).Version);
            await transaction.CommitAsync();
        }

        Assert.Equal(3, (await other.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":2}", "bo", T0)).Version); // after the commit
        Assert.Equal(["{\"v\":1}", "{\"v\":3}", "{\"v\":2}"], await Contents(other, "crm-rules"));
    }

    // A second host over the same data that waits one second at most for another transaction's lock.
    private static IDisposable ImpatientHost(StoreProvider storage, string provider, out IPublicationStore publications)
    {
        if (provider == StoreProvider.Sqlite)
        {
            var sqlite = new SqliteStorage(new SqliteStorageOptions { DataSource = storage.SqlitePath, BusyTimeout = TimeSpan.FromSeconds(1) });
            publications = sqlite.Publications;
            return sqlite;
        }

        var (connectionString, schema) = storage.PostgresTarget;
        var postgres = new PostgreSqlStorage(new PostgreSqlStorageOptions { ConnectionString = connectionString + ";Command Timeout=1", Schema = schema });
        publications = postgres.Publications;
        return postgres;
    }

    private static async Task<IReadOnlyList<string>> Contents(IPublicationStore store, string name)
    {
        var contents = new List<string>();
        foreach (var version in await store.ListAsync(PublicationKind.RuleSet, name))
        {
            contents.Add((await store.GetAsync(PublicationKind.RuleSet, name, version.Version))!.Content);
        }

        return contents;
    }

    private static EscalationState State(TicketId id, long version) => new() { TicketId = id, Version = version };

    private static CustomerState Customer(string id) =>
        CrmCore.Customers.Customer.Create(new CustomerId(id), new CustomerProfile { Name = "客户" + id, FirstContactOn = new LocalDate(2026, 1, 5) }, T0).ToState();

    // Makes the database refuse rows of the table that match the condition, with an error that names "test_refused". The condition's
    // columns (content and version unless named) are the new row's on SQLite.
    private static void Refuse(StoreProvider storage, string provider, string table, string condition, params string[] columns)
    {
        if (provider == StoreProvider.Sqlite)
        {
            var onNewRow = condition;
            foreach (var column in columns is [] ? ["content", "version"] : columns)
            {
                onNewRow = onNewRow.Replace(column, "NEW." + column, StringComparison.Ordinal);
            }

            foreach (var operation in new[] { "INSERT", "UPDATE" })
            {
                storage.ExecuteSql($"CREATE TRIGGER test_refused_{operation} BEFORE {operation} ON crm_{table} WHEN {onNewRow} BEGIN SELECT RAISE(ABORT, 'test_refused'); END;");
            }

            return;
        }

        storage.ExecuteSql($"ALTER TABLE {{schema}}.{table} ADD CONSTRAINT test_refused CHECK (NOT ({condition}));");
    }
}
