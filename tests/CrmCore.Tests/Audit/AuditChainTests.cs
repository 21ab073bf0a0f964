using CrmCore.Audit;
using NodaTime;

namespace CrmCore.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static AuditEntry Entry(int i) => new(At + Duration.FromMinutes(i), i % 2 == 0 ? "li.na" : "wang.fang", AuditAction.Update, "customer", "KH000" + (i % 3))
    {
        Field = "tier",
        OldValue = "B",
        NewValue = "A" + i,
    };

    private static async Task<(InMemoryAuditStore Store, List<AuditRecord> Records)> Trail(int count)
    {
        var store = new InMemoryAuditStore();
        await store.AppendAsync([.. Enumerable.Range(1, count).Select(Entry)]);
        return (store, [.. await store.QueryAsync(new AuditQuery())]);
    }

    [Fact]
    public async Task AppendedTrail_IsLinkedFromTheGenesisHash_AndVerifies()
    {
        var (store, records) = await Trail(5);

        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.Sequence));
        Assert.Equal(AuditChain.GenesisHash, records[0].PreviousHash);
        Assert.All(records.Skip(1), (r, i) => Assert.Equal(records[i].Hash, r.PreviousHash));
        Assert.Equal(new AuditVerification(5, null, null), AuditChain.Verify(records));
        Assert.True((await AuditChain.VerifyAsync(store, pageSize: 2)).IsIntact);
    }

    [Fact]
    public async Task Altering_ARecord_IsReportedAtThatRecord()
    {
        var (_, records) = await Trail(5);
        records[2] = records[2] with { Entry = records[2].Entry with { NewValue = "C" } };

        var result = AuditChain.Verify(records);

        Assert.Equal(3, result.BrokenAt);
        Assert.Equal(2, result.Verified);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Altering_AndRehashingARecord_IsReportedAtTheNextRecord()
    {
        var (_, records) = await Trail(5);
        var forged = records[2].Entry with { Actor = "someone.else" };
        records[2] = records[2] with { Entry = forged, Hash = AuditChain.HashOf(3, forged, records[2].PreviousHash) };

        Assert.Equal(4, AuditChain.Verify(records).BrokenAt);
    }

    [Fact]
    public async Task Deleting_ARecord_IsReportedWhereTheGapIs()
    {
        var (store, records) = await Trail(5);
        records.RemoveAt(1);
        store.RemoveAt(1);

        Assert.Equal(3, AuditChain.Verify(records).BrokenAt);
        Assert.Equal(3, (await AuditChain.VerifyAsync(store)).BrokenAt);
    }

    [Fact]
    public async Task Reordering_TwoRecords_IsDetected_EvenWithRenumberedSequences()
    {
        var (_, records) = await Trail(5);
        (records[1], records[3]) = (records[3] with { Sequence = 2 }, records[1] with { Sequence = 4 });

        var result = AuditChain.Verify(records);

        Assert.Equal(2, result.BrokenAt);
        Assert.Contains("does not carry the hash", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_FiltersByEntityActorActionAndTime_InSequenceOrder()
    {
        var (store, _) = await Trail(9);

        Assert.Equal([1L, 4, 7], (await store.QueryAsync(new AuditQuery { EntityId = "KH0001" })).Select(r => r.Sequence));
        Assert.Equal([4L], (await store.QueryAsync(new AuditQuery { EntityId = "KH0001", Actor = "li.na" })).Select(r => r.Sequence));
        Assert.Equal([3L, 4], (await store.QueryAsync(new AuditQuery { From = At + Duration.FromMinutes(3), To = At + Duration.FromMinutes(5) })).Select(r => r.Sequence));
        Assert.Equal([6L, 7], (await store.QueryAsync(new AuditQuery { AfterSequence = 5, Limit = 2 })).Select(r => r.Sequence));
        Assert.Empty(await store.QueryAsync(new AuditQuery { Action = AuditAction.Reveal }));
    }

    [Fact]
    public void Entries_AreBounded_AndNeedWhoAndWhat()
    {
        Assert.Throws<ArgumentException>(() => new AuditEntry(At, " ", AuditAction.Create, "customer", "KH0001"));
        Assert.Throws<ArgumentException>(() => new AuditEntry(At, "li.na", AuditAction.Create, "customer", "KH0001") { NewValue = new string('x', AuditEntry.MaxTextLength + 1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuditQuery { Limit = AuditQuery.MaxLimit + 1 });
    }
}
