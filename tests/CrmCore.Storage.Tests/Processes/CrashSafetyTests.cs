using System.Diagnostics;
using System.Globalization;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmCore.Storage.Tests.Processes;

/// <summary>
/// A host process killed with SIGKILL in the middle of a stream of batch writes: after a restart no half batch is visible and
/// every batch it reported committed is there.
/// </summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class CrashSafetyTests
{
    private const int BatchSize = 500;

    [Fact]
    public async Task Sqlite_KilledMidBatch_LeavesOnlyWholeCommittedBatches()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-crash-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var committed = KillDuringWrites("sqlite", path, "-");
            var store = new SqliteTicketQueueStore(new SqliteStorageOptions { DataSource = path });
            var rows = (await store.LoadAllAsync()).Count;
            AssertWholeBatches(rows, committed);
            using var connection = new SqliteConnection($"Data Source={path}");
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar());
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
    public async Task PostgreSql_KilledMidBatch_LeavesOnlyWholeCommittedBatches()
    {
        var connection = TestPostgres.Require();
        var schema = "crm_t_" + Guid.NewGuid().ToString("N")[..16];
        PostgreSqlSchema.Migrate(connection, schema);
        await using var data = NpgsqlDataSource.Create(connection);
        try
        {
            var committed = KillDuringWrites("postgresql", connection, schema);
            var store = new PostgreSqlTicketQueueStore(new PostgreSqlStorageOptions { ConnectionString = connection, Schema = schema });
            AssertWholeBatches((await store.LoadAllAsync()).Count, committed);
        }
        finally
        {
            await ManyInstancesTests.Execute(data, $"DROP SCHEMA {schema} CASCADE;");
        }
    }

    private static void AssertWholeBatches(int rows, int committed)
    {
        Assert.True(rows % BatchSize == 0, $"{rows} rows: a half batch is visible");
        Assert.True(rows / BatchSize >= committed, $"{rows} rows but {committed} batches were reported committed");
        Assert.True(rows / BatchSize <= committed + 1, $"{rows} rows after {committed} reported batches");
    }

    // Starts the writer, waits for its third commit, kills it while the next batch is being written; returns the last batch it reported.
    private static int KillDuringWrites(string provider, string target, string schema)
    {
        using var host = HostProcess.Start("write", provider, target, schema, "1000", BatchSize.ToString(CultureInfo.InvariantCulture));
        var watch = Stopwatch.StartNew();
        while (host.Output.Count(l => l.StartsWith("committed", StringComparison.Ordinal)) < 3)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2) && !host.HasExited, "the writer did not commit: " + host.Transcript());
            Thread.Sleep(5);
        }

        host.KillNow();
        Assert.False(host.Output.Any(l => l == "committed 1000"), "the writer finished before it could be killed");
        return host.Output.Where(l => l.StartsWith("committed", StringComparison.Ordinal))
            .Select(l => int.Parse(l["committed ".Length..], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
    }
}
