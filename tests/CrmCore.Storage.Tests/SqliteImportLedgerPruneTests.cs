using CrmCore.Imports;
using CrmCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CrmCore.Storage.Tests;

/// <summary>
/// A preview of <see cref="IImportLedger.PruneAsync"/> (<c>crm import prune --dry-run</c>) only reads: it must not wait for SQLite's
/// write lock, which an import running at the same time holds batch after batch.
/// </summary>
public sealed class SqliteImportLedgerPruneTests
{
    [Fact]
    public async Task PrunePreview_WhileAnotherConnectionHoldsTheWriteLock_ListsTheRuns_WithoutWaitingForTheLock()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-prune-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using var storage = new SqliteStorage(new SqliteStorageOptions { DataSource = path, BusyTimeout = TimeSpan.FromSeconds(1) });
            var started = Instant.FromUtc(2026, 10, 1, 8, 0);
            await storage.ImportLedger.StartAsync(new ImportRun { Id = "R1", Entity = "customers", File = "a.csv", FileHash = "h1", Mapping = "built-in", StartedAt = started });
            await storage.ImportLedger.FinishAsync("R1", started + Duration.FromMinutes(1));

            using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
            writer.Open();
            using (var begin = writer.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                begin.ExecuteNonQuery();
            }

            var preview = await storage.ImportLedger.PruneAsync(Instant.FromUtc(2026, 11, 1, 0, 0), preview: true);

            Assert.Equal(["R1"], preview.Pruned.Select(r => r.Id));
            using (var rollback = writer.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                rollback.ExecuteNonQuery();
            }

            Assert.NotNull(await storage.ImportLedger.FindAsync("R1"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
