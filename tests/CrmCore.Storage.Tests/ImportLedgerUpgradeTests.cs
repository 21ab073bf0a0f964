using CrmCore.Imports;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;
using NodaTime;

namespace CrmCore.Storage.Tests;

/// <summary>
/// The schema that records a run's last activity and draws run numbers from a sequence (SQLite 21, PostgreSQL 24) upgrades a ledger
/// written before it: its runs read back with their finish (or start) as their last activity, prune as before, and the next run number
/// is above every number their ids hold.
/// </summary>
public sealed class ImportLedgerUpgradeTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 10, 1, 8, 0);

    /// <summary>Two runs as the schema before the upgrade held them: a finished one (number 7) and an unfinished one (number 3).</summary>
    private static string OldRuns(string table) =>
        $"INSERT INTO {table} (id, entity, file_name, file_hash, mapping, started_at, finished_at, batches, inserted, updated, unchanged, merged, held, rejected, skipped) VALUES " +
        "('0123456789abcdef-7', 'customers', 'a.csv', 'h1', 'built-in', {0}, {1}, 2, 5, 0, 0, 0, 0, 0, 0), " +
        "('fedcba9876543210-3', 'customers', 'b.csv', 'h2', 'built-in', {0}, NULL, 1, 2, 0, 0, 0, 0, 0, 0);";

    private static async Task AssertUpgradedAsync(IImportLedger ledger)
    {
        var finished = await ledger.FindAsync("0123456789abcdef-7");
        var unfinished = await ledger.FindAsync("fedcba9876543210-3");
        Assert.Equal(At + Duration.FromMinutes(5), finished!.LastActiveAt);
        Assert.Equal(At, unfinished!.LastActiveAt);
        Assert.Equal(5, finished.Totals.Inserted);
        Assert.Equal(8, await ledger.NextRunNumberAsync());
        await ledger.RecordBatchAsync("fedcba9876543210-3", 2, new ImportTotals { Inserted = 4 }, At + Duration.FromMinutes(9));
        Assert.Equal(At + Duration.FromMinutes(9), (await ledger.FindAsync("fedcba9876543210-3"))!.LastActiveAt);
        var pruned = await ledger.PruneAsync(At + Duration.FromDays(1));
        Assert.Equal(["0123456789abcdef-7"], pruned.Pruned.Select(r => r.Id));
        Assert.Equal(1, pruned.UnfinishedKept);
        Assert.Equal(9, await ledger.NextRunNumberAsync());
    }

    [Fact]
    public async Task Sqlite_LedgerWrittenBeforeTheUpgrade_KeepsWorking_AndRunNumbersStartAboveItsIds()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-upgrade-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var script = SqliteSchema.Script();
            var upgrade = script.IndexOf("-- V021__", StringComparison.Ordinal);
            Assert.True(upgrade > 0);
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = script[..upgrade] + "COMMIT;\n" +
                    string.Format(System.Globalization.CultureInfo.InvariantCulture, OldRuns("crm_import_run"), At.ToUnixTimeTicks(), (At + Duration.FromMinutes(5)).ToUnixTimeTicks());
                command.ExecuteNonQuery();
            }

            Assert.Equal(SqliteSchema.LatestVersion - 20, SqliteSchema.Migrate(new SqliteStorageOptions { DataSource = path }));
            using var storage = new SqliteStorage(new SqliteStorageOptions { DataSource = path });
            await AssertUpgradedAsync(storage.ImportLedger);
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

    [PostgresFact]
    public async Task PostgreSql_LedgerWrittenBeforeTheUpgrade_KeepsWorking_AndRunNumbersStartAboveItsIds()
    {
        var connection = TestPostgres.Require();
        var schema = "crm_t_" + Guid.NewGuid().ToString("N")[..16];
        await using var data = NpgsqlDataSource.Create(connection);
        try
        {
            var script = PostgreSqlSchema.Script(schema);
            var upgrade = script.IndexOf("-- V024__", StringComparison.Ordinal);
            Assert.True(upgrade > 0);
            await Processes.ManyInstancesTests.Execute(data, script[..upgrade] + "COMMIT;\n" + string.Format(
                System.Globalization.CultureInfo.InvariantCulture, OldRuns(schema + ".import_run"), "'2026-10-01T08:00:00Z'", "'2026-10-01T08:05:00Z'"));

            using var storage = new PostgreSqlStorage(new PostgreSqlStorageOptions { ConnectionString = connection, Schema = schema });
            await AssertUpgradedAsync(storage.ImportLedger);
        }
        finally
        {
            await Processes.ManyInstancesTests.Execute(data, $"DROP SCHEMA IF EXISTS {schema} CASCADE;");
        }
    }
}
