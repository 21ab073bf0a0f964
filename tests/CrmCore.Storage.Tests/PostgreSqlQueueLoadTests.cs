using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Tests.Contract;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests;

/// <summary>
/// <see cref="PostgreSqlTicketQueueStore.LoadAllAsync"/> reads the bucket table and then the queue rows. Another host can commit a new
/// bucket and a queue row in it between the two reads; the load then reads that bucket instead of failing. The interleaving is made
/// certain through the store's test hook between the two reads (<c>AfterBucketsRead</c>), not left to timing.
/// </summary>
public sealed class PostgreSqlQueueLoadTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    [PostgresFact]
    public Task LoadAllAsync_AnotherHostCommitsANewBucketAndARowInItBetweenTheTwoReads_ReturnsThatRowWithItsBucket() => LoadWithLateBucketAsync(inHostTransaction: false);

    [PostgresFact]
    public Task LoadAllAsync_InAHostTransaction_AnotherHostCommitsANewBucketAndARowInItBetweenTheTwoReads_ReturnsThatRowWithItsBucket() =>
        LoadWithLateBucketAsync(inHostTransaction: true);

    [PostgresFact]
    public async Task ListAsync_AnotherHostCommitsANewBucketAndARowInItBetweenTheTwoReads_ListsThatRow()
    {
        using var provider = StoreProvider.Create(StoreProvider.Postgres);
        var store = (PostgreSqlTicketQueueStore)provider.Desk().Queue;
        var otherHost = provider.Queue(Duration.FromMinutes(5));
        Assert.True(await store.EnqueueAsync(Ticket("WT202603011", "L1", 3, SkillSet.Empty)));
        store.AfterBucketsRead = async cancellationToken =>
            Assert.True(await otherHost.EnqueueAsync(Ticket("WT202603012", "L3", 1, SkillSet.Empty), cancellationToken));

        var listed = await ((CrmCore.Desk.IQueueRepository)store).ListAsync().ToListAsync();

        Assert.Equal(["WT202603011", "WT202603012"], listed.Select(e => e.TicketId.Value));
        Assert.Equal(new TeamId("L3"), listed[1].Group);
    }

    private static async Task LoadWithLateBucketAsync(bool inHostTransaction)
    {
        using var provider = StoreProvider.Create(StoreProvider.Postgres);
        var stores = provider.Desk();
        var store = (PostgreSqlTicketQueueStore)stores.Queue;
        var otherHost = provider.Queue(Duration.FromMinutes(5));
        var known = Ticket("WT202603001", "L1", 3, SkillSet.Empty);
        Assert.True(await store.EnqueueAsync(known));
        var late = Ticket("WT202603002", "L2", 7, SkillSet.Create(new SkillLevel(new Skill("Technical"), 3)));

        var hookRuns = 0;
        store.AfterBucketsRead = async cancellationToken =>
        {
            hookRuns++;
            Assert.True(await otherHost.EnqueueAsync(late, cancellationToken)); // its own bucket row and queue row, each committed
        };

        IReadOnlyList<QueuedTicket> all;
        if (inHostTransaction)
        {
            await using var transaction = stores.Transactions.Begin();
            all = await store.LoadAllAsync();
            await transaction.CommitAsync();
        }
        else
        {
            all = await store.LoadAllAsync();
        }

        Assert.Equal(1, hookRuns);
        Assert.Equal([known, late], all.OrderBy(t => t.Id.Value, StringComparer.Ordinal));
        var loaded = Assert.Single(all, t => t.Id == late.Id);
        Assert.Equal(new TeamId("L2"), loaded.Group);
        Assert.Equal(7, loaded.StaticPriority);
        Assert.Equal(late.RequiredSkills, loaded.RequiredSkills);
    }

    private static QueuedTicket Ticket(string id, string team, long staticPriority, SkillSet skills) =>
        new(new TicketId(id), new TeamId(team), staticPriority, T0 + Duration.FromHours(4), skills, T0);
}
