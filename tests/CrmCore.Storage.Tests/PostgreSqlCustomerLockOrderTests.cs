using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Storage.Tests.Contract;
using Npgsql;
using NodaTime;

namespace CrmCore.Storage.Tests;

/// <summary>
/// On PostgreSQL the key backfill (customers without an id key, as migration V022 leaves them) and a batch save of customers lock the
/// same customer rows; they must take them in one order, or two host instances deadlock. Each test makes the interleaving that
/// deadlocks with opposite orders happen for certain: a third connection holds the lowest customer's row, the backfill queues on it,
/// the batch (its customers listed highest first) queues on it too, and only then is the row let go.
/// </summary>
public sealed class PostgreSqlCustomerLockOrderTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 30, 15);

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static CustomerState New(string id, string name) =>
        Customer.Create(new CustomerId(id), new CustomerProfile { Name = name, FirstContactOn = new LocalDate(2026, 1, 1) }, At).ToState();

    [PostgresFact]
    public async Task BackfillAndBatchSave_OnTheSameCustomers_QueueAndBothCommit_WithoutDeadlock()
    {
        using var storage = StoreProvider.Create(StoreProvider.Postgres);
        var (connectionString, schema) = storage.PostgresTarget;
        string[] ids = ["KH1", "KH2", "KH3"];
        var first = ids.Select((id, i) => New(id, "上海某某制造" + i + "有限公司")).ToList();
        await ((ICustomerBatchRepository)storage.Desk().Customers).SaveAllAsync([.. first.Select(s => (s, 0L))]);
        // As migration V022 leaves the customers whose name key it set to be rewritten: keyed, but without their id key.
        storage.ExecuteSql("DELETE FROM {schema}.customer_key WHERE kind = 1");

        await using var gate = new NpgsqlConnection(connectionString);
        await gate.OpenAsync();
        await using var hold = await gate.BeginTransactionAsync();
        await using (var lockFirst = new NpgsqlCommand($"SELECT id FROM {schema}.customer WHERE id = 'KH1' FOR UPDATE", gate, hold))
        {
            await lockFirst.ExecuteScalarAsync();
        }

        // One instance's first key lookup runs the backfill; it queues on KH1 with the page's lock.
        var backfill = Task.Run(async () => await ((ICustomerKeyIndex)storage.Desk().Customers).FindByKeysAsync([CustomerKey.ForId(new CustomerId("KH3"))]));
        await WaitForLockWaitersAsync(connectionString, schema, 1, backfill);

        // Another instance saves the same customers in one batch, listed in the opposite order.
        var changed = first.Select(s => (State: s with { Version = 2, Tier = "A" }, ExpectedVersion: 1L)).Reverse().ToList();
        var batch = Task.Run(async () => await ((ICustomerBatchRepository)storage.Desk().Customers).SaveAllAsync(changed));
        await WaitForLockWaitersAsync(connectionString, schema, 2, batch);

        await hold.RollbackAsync();
        // Opposite orders deadlock here: PostgreSQL aborts one of the two (40P01) after its deadlock_timeout.
        await Task.WhenAll(backfill, batch).WaitAsync(Bound);

        Assert.Equal(["Id:KH3=KH3"], (await backfill).Select(m => m.Key.Kind + ":" + m.Key.Value + "=" + m.CustomerId.Value));
        Assert.Equal(ids.Length, storage.ScalarSql("SELECT count(*) FROM {schema}.customer WHERE version = 2 AND tier = 'A'"));
        Assert.Equal(ids.Length, storage.ScalarSql("SELECT count(*) FROM {schema}.customer_key WHERE kind = 1"));
    }

    [PostgresFact]
    public async Task TwoBatchSaves_OfTheSameCustomersInOppositeOrders_Queue_TheSecondIsAConflictNotADeadlock()
    {
        using var storage = StoreProvider.Create(StoreProvider.Postgres);
        var (connectionString, schema) = storage.PostgresTarget;
        var first = new[] { New("KH1", "甲公司"), New("KH2", "乙公司"), New("KH3", "丙公司") };
        await ((ICustomerBatchRepository)storage.Desk().Customers).SaveAllAsync([.. first.Select(s => (s, 0L))]);

        await using var gate = new NpgsqlConnection(connectionString);
        await gate.OpenAsync();
        await using var hold = await gate.BeginTransactionAsync();
        await using (var lockFirst = new NpgsqlCommand($"SELECT id FROM {schema}.customer WHERE id = 'KH1' FOR UPDATE", gate, hold))
        {
            await lockFirst.ExecuteScalarAsync();
        }

        var ascending = Task.Run(async () => await ((ICustomerBatchRepository)storage.Desk().Customers).SaveAllAsync(
            [.. first.Select(s => (s with { Version = 2, Tier = "A" }, 1L))]));
        await WaitForLockWaitersAsync(connectionString, schema, 1, ascending);
        // Listed highest first: with the rows locked in list order it would hold KH3 and KH2 while the first batch, once it has KH1, waits for KH2.
        var descending = Task.Run(async () => await ((ICustomerBatchRepository)storage.Desk().Customers).SaveAllAsync(
            [.. Enumerable.Reverse(first).Select(s => (s with { Version = 2, Tier = "B" }, 1L))]));
        await WaitForLockWaitersAsync(connectionString, schema, 2, descending);

        await hold.RollbackAsync();
        var outcomes = await Task.WhenAll(Outcome(ascending), Outcome(descending)).WaitAsync(Bound);

        // The first batch commits; the second then finds version 2 where it expected 1 and is refused as a whole: a conflict, not a deadlock.
        Assert.Null(outcomes[0]);
        Assert.IsType<ConcurrencyConflictException>(outcomes[1]);
        Assert.Equal(3, storage.ScalarSql("SELECT count(*) FROM {schema}.customer WHERE version = 2 AND tier = 'A'"));
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e) when (e is not PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected })
        {
            return e;
        }
    }

    /// <summary>Waits until <paramref name="count"/> statements on this test's customer tables wait for a lock (bounded; fails early if
    /// <paramref name="task"/> ends instead).</summary>
    private static async Task WaitForLockWaitersAsync(string connectionString, string schema, int count, Task task)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND position(@table in query) > 0", connection);
        waiting.Parameters.AddWithValue("table", schema + ".customer");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await waiting.ExecuteScalarAsync())! < count)
        {
            if (task.IsCompleted)
            {
                await task;
                Assert.Fail("The statement ended instead of waiting for the held customer row.");
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"{count} statement(s) on {schema}.customer did not wait for the held row within 30 s.");
            await Task.Delay(20);
        }
    }
}
