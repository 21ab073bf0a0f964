using CrmCore.Agents;
using CrmCore.Desk;
using CrmCore.Routing;
using CrmCore.Storage.Sqlite;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests;

/// <summary>
/// The SQLite queue store's buckets kept per transaction: forgotten when the part of the transaction that read or wrote them rolls back
/// (SQLite gives a rolled-back bucket's number to the next bucket), so a later read in the same transaction gives the stored bucket.
/// </summary>
public sealed class SqliteQueueBucketCacheTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "crmcore-buckets-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly SqliteStorage _storage;

    public SqliteQueueBucketCacheTests()
    {
        _storage = new SqliteStorage(new SqliteStorageOptions { DataSource = _path });
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
    public async Task QueueBuckets_OfAPartRolledBack_AreForgotten_AReadInTheSameTransactionGivesTheStoredBucket()
    {
        var stored = (SqliteTicketQueueStore)_storage.Queue;
        IQueueRepository first = stored;
        IQueueRepository second = new SqliteTicketQueueStore(stored.Database, null); // another store over the same database and session
        var transactions = _storage.Transactions;
        await using (var host = transactions.Begin())
        {
            await using (transactions.Begin())
            {
                // A bucket no ticket used yet, read into the first store's buckets of this transaction, then rolled back.
                Assert.True(await first.AddAsync(Entry("WT001", "L1")));
                Assert.Equal("L1", Assert.Single(await first.ChangesAsync(0).ToListAsync()).Entry!.Group.Value);
            }

            // The next bucket takes the rolled-back one's number (SQLite reuses it).
            Assert.True(await second.AddAsync(Entry("WT002", "L2")));
            var change = Assert.Single(await first.ChangesAsync(0).ToListAsync());
            Assert.Equal("WT002", change.TicketId.Value);
            Assert.Equal("L2", change.Entry!.Group.Value);
            await host.CommitAsync();
        }

        Assert.Equal(["L2"], await first.ListAsync().Select(e => e.Group.Value).ToListAsync());
    }

    private static QueueEntryState Entry(string id, string team) =>
        QueueEntryState.From(new QueuedTicket(new TicketId(id), new TeamId(team), 10, null, SkillSet.Empty, T0));
}
