using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Storage.Sqlite;
using CrmCore.Storage.Tests.Contract;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests;

/// <summary>
/// <see cref="SqliteTicketQueueStore.LoadAllAsync"/> reads the bucket table and then the queue rows. Outside a transaction another
/// connection (or process) can commit a new bucket and a queue row in it between the two reads; the load then reads that bucket instead
/// of failing. The interleaving is made certain through the store's test hook between the two reads (<c>AfterBucketsRead</c>), not left
/// to timing. Inside a host transaction (SQLite's write lock, one snapshot) the other connection's write waits for the commit.
/// </summary>
public sealed class SqliteQueueLoadTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    [Fact]
    public async Task LoadAllAsync_AnotherConnectionCommitsANewBucketAndARowInItBetweenTheTwoReads_ReturnsThatRowWithItsBucket()
    {
        using var provider = StoreProvider.Create(StoreProvider.Sqlite);
        var store = (SqliteTicketQueueStore)provider.Desk().Queue;
        var otherHost = provider.Queue(Duration.FromMinutes(5));
        var known = Ticket("WT202603001", "L1", 3, SkillSet.Empty);
        Assert.True(await store.EnqueueAsync(known));
        var late = Ticket("WT202603002", "L2", 7, SkillSet.Create(new SkillLevel(new Skill("Technical"), 3)));
        var hookRuns = 0;
        store.AfterBucketsRead = () =>
        {
            hookRuns++;
            Assert.True(otherHost.EnqueueAsync(late).GetAwaiter().GetResult()); // its own bucket row and queue row, committed
        };

        var all = await store.LoadAllAsync();

        Assert.Equal(1, hookRuns);
        Assert.Equal([known, late], all.OrderBy(t => t.Id.Value, StringComparer.Ordinal));
        var loaded = Assert.Single(all, t => t.Id == late.Id);
        Assert.Equal(new TeamId("L2"), loaded.Group);
        Assert.Equal(7, loaded.StaticPriority);
        Assert.Equal(late.RequiredSkills, loaded.RequiredSkills);
    }

    [Fact]
    public async Task LoadAllAsync_InAHostTransaction_AnotherConnectionsNewBucketAndRowWaitForTheCommit_TheLoadSeesOneSnapshot()
    {
        using var provider = StoreProvider.Create(StoreProvider.Sqlite);
        var stores = provider.Desk();
        var store = (SqliteTicketQueueStore)stores.Queue;
        var otherHost = provider.Queue(Duration.FromMinutes(5));
        var known = Ticket("WT202603001", "L1", 3, SkillSet.Empty);
        Assert.True(await store.EnqueueAsync(known));
        var late = Ticket("WT202603002", "L2", 7, SkillSet.Create(new SkillLevel(new Skill("Technical"), 3)));
        Task<bool>? otherWrite = null;
        store.AfterBucketsRead = () => otherWrite = Task.Run(() => otherHost.EnqueueAsync(late));

        IReadOnlyList<QueuedTicket> inTransaction;
        await using (var transaction = stores.Transactions.Begin())
        {
            inTransaction = await store.LoadAllAsync();
            await transaction.CommitAsync();
        }

        Assert.Equal([known], inTransaction);
        Assert.NotNull(otherWrite);
        Assert.True(await otherWrite.WaitAsync(TimeSpan.FromSeconds(60)));
        store.AfterBucketsRead = null;
        var after = await store.LoadAllAsync();
        Assert.Equal([known, late], after.OrderBy(t => t.Id.Value, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListAsync_AnotherConnectionCommitsANewBucketAndARowInItBetweenTheTwoReads_ListsThatRow()
    {
        using var provider = StoreProvider.Create(StoreProvider.Sqlite);
        var store = (SqliteTicketQueueStore)provider.Desk().Queue;
        var otherHost = provider.Queue(Duration.FromMinutes(5));
        Assert.True(await store.EnqueueAsync(Ticket("WT202603011", "L1", 3, SkillSet.Empty)));
        store.AfterBucketsRead = () => Assert.True(otherHost.EnqueueAsync(Ticket("WT202603012", "L3", 1, SkillSet.Empty)).GetAwaiter().GetResult());

        var listed = await ((CrmCore.Desk.IQueueRepository)store).ListAsync().ToListAsync();

        Assert.Equal(["WT202603011", "WT202603012"], listed.Select(e => e.TicketId.Value));
        Assert.Equal(new TeamId("L3"), listed[1].Group);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ChangesAsync_InAHostTransaction_ManyRowsInBucketsUnknownToTheStore_ReadsTheBucketTableOnce_AndReturnsTheSameEntries(bool wal)
    {
        using var provider = StoreProvider.Create(StoreProvider.Sqlite);
        var stores = provider.Desk();
        var store = (SqliteTicketQueueStore)stores.Queue;
        var queue = (CrmCore.Desk.IQueueRepository)store;
        var after = await queue.LastChangeAsync(); // the schema is prepared, and the journal mode known
        Assert.True(store.Database.IsWal);
        store.Database.IsWal = wal; // false: the rollback-journal path (no read on a second connection)
        var otherHost = (CrmCore.Desk.IQueueRepository)provider.Desk().Queue;
        var technical = SkillSet.Create(new SkillLevel(new Skill("Technical"), 3));
        var committedByOther = Enumerable.Range(1, 3).Select(i => Ticket($"WT2026031{i:D2}", "L5", 2, technical)).ToList();
        foreach (var ticket in committedByOther)
        {
            Assert.True(await otherHost.AddAsync(CrmCore.Desk.QueueEntryState.From(ticket))); // a bucket this store has never read
        }

        var ours = Enumerable.Range(1, 6)
            .Select(i => Ticket($"WT2026030{i:D2}", i % 2 == 0 ? "L2" : "L3", i % 2 == 0 ? 7 : 4, i % 2 == 0 ? technical : SkillSet.Empty))
            .ToList();
        var expected = committedByOther.Concat(ours).Select(t => Key(CrmCore.Desk.QueueEntryState.From(t))).ToList();

        await using (var transaction = stores.Transactions.Begin())
        {
            foreach (var ticket in ours)
            {
                Assert.True(await queue.AddAsync(CrmCore.Desk.QueueEntryState.From(ticket))); // two buckets the transaction writes
            }

            var readsBefore = store.BucketTableReads;
            var changes = await queue.ChangesAsync(after).ToListAsync();

            Assert.Equal(1, store.BucketTableReads - readsBefore); // not one per row (nor two, in WAL mode) of a bucket not cached yet
            Assert.Equal(expected, changes.Select(c => Key(c.Entry!)));
            await transaction.CommitAsync();
        }

        var readsAfterCommit = store.BucketTableReads;
        var again = await queue.ChangesAsync(after).ToListAsync(); // every bucket cached by the commit: no read at all
        Assert.Equal(readsAfterCommit, store.BucketTableReads);
        Assert.Equal(expected, again.Select(c => Key(c.Entry!)));
    }

    [Fact]
    public async Task LoadAllAsync_CachesTheBucketsItBuilt_ReadingTheTableOnce()
    {
        using var provider = StoreProvider.Create(StoreProvider.Sqlite);
        var otherHost = provider.Queue(Duration.FromMinutes(5));
        var technical = SkillSet.Create(new SkillLevel(new Skill("Technical"), 3), new SkillLevel(new Skill("Billing"), 1));
        var ticket = Ticket("WT202603021", "L2", 7, technical);
        Assert.True(await otherHost.EnqueueAsync(ticket)); // a bucket this store has never seen
        var store = (SqliteTicketQueueStore)provider.Desk().Queue;

        var all = await store.LoadAllAsync();

        Assert.Equal(1, store.BucketTableReads);
        var loaded = Assert.Single(all);
        Assert.Equal(ticket, loaded);
        var cached = store.CachedBucket(1);
        Assert.NotNull(cached);
        Assert.Same(loaded.RequiredSkills, cached.Skills); // the bucket the load built is the one cached, not a copy decoded again
        Assert.Equal((new TeamId("L2"), 7L), (cached.Team, cached.StaticPriority));
    }

    // An entry as comparable values (its skills are a list, compared by reference in the record's equality).
    private static string Key(CrmCore.Desk.QueueEntryState entry) =>
        $"{entry.TicketId} {entry.Group} {entry.Priority} {entry.Due} {entry.EnqueuedAt} [{string.Join(", ", entry.RequiredSkills.Select(s => $"{s.Skill.Code}:{s.Level}"))}]";

    private static QueuedTicket Ticket(string id, string team, long staticPriority, SkillSet skills) =>
        new(new TicketId(id), new TeamId(team), staticPriority, T0 + Duration.FromHours(4), skills, T0);
}
