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

    private static QueuedTicket Ticket(string id, string team, long staticPriority, SkillSet skills) =>
        new(new TicketId(id), new TeamId(team), staticPriority, T0 + Duration.FromHours(4), skills, T0);
}
