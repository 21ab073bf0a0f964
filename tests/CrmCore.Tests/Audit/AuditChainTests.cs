using CrmCore.Audit;
using NodaTime;

namespace CrmCore.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 0);

    // One entity by default, so every record is in one chain; with more entities the records spread over chains.
    private static AuditEntry Entry(int i, int entities = 1) => new(At + Duration.FromMinutes(i), i % 2 == 0 ? "li.na" : "wang.fang", AuditAction.Update, "customer", "KH000" + (i % entities))
    {
        Field = "tier",
        OldValue = "B",
        NewValue = "A" + i,
    };

    private static async Task<(InMemoryAuditStore Store, List<AuditRecord> Records)> Trail(int count, int entities = 1)
    {
        var store = new InMemoryAuditStore();
        await store.AppendAsync([.. Enumerable.Range(1, count).Select(i => Entry(i, entities))]);
        return (store, [.. await store.QueryAsync(new AuditQuery())]);
    }

    [Fact]
    public async Task AppendedTrail_IsLinkedFromTheGenesisHash_AndVerifies()
    {
        var (store, records) = await Trail(5);

        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.Sequence));
        Assert.Equal(AuditChain.GenesisHash, records[0].PreviousHash);
        Assert.All(records.Skip(1), (r, i) => Assert.Equal(records[i].Hash, r.PreviousHash));
        Assert.Equal((5L, (long?)null), (AuditChain.Verify(records).Verified, AuditChain.Verify(records).BrokenAt));
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
        records[2] = records[2] with { Entry = forged, Hash = AuditChain.HashOf(3, records[2].Chain, forged, records[2].PreviousHash) };

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
    public async Task RecordsOfDifferentEntities_LinkWithinTheirOwnChains_AndEachChainVerifies()
    {
        var (store, records) = await Trail(12, entities: 4);

        var chains = records.GroupBy(r => r.Chain).ToList();
        Assert.Equal(records.Select(r => AuditChain.ChainOf(r.Entry)), records.Select(r => r.Chain));
        Assert.True(chains.Count > 1, "four entities should not all share one chain");
        foreach (var chain in chains)
        {
            var list = chain.ToList();
            Assert.Equal(AuditChain.GenesisHash, list[0].PreviousHash);
            Assert.All(list.Skip(1), (r, i) => Assert.Equal(list[i].Hash, r.PreviousHash));
        }

        Assert.True((await AuditChain.VerifyAsync(store, pageSize: 5)).IsIntact);
    }

    [Fact]
    public async Task MovingARecordToAnotherChain_IsDetected()
    {
        var (_, records) = await Trail(6, entities: 1);
        records[5] = records[5] with { Chain = (records[5].Chain + 1) % AuditChain.ChainCount };

        var result = AuditChain.Verify(records);

        Assert.Equal(6, result.BrokenAt);
    }

    [Fact]
    public void ChainOf_IsInRange_StableForAnEntity_AndSpreadsEntities()
    {
        var chains = Enumerable.Range(0, 200).Select(i => AuditChain.ChainOf(Entry(i, entities: 200))).ToList();

        Assert.All(chains, c => Assert.InRange(c, 0, AuditChain.ChainCount - 1));
        Assert.Equal(AuditChain.ChainOf(Entry(7, entities: 200)), AuditChain.ChainOf(Entry(7, entities: 200) with { Field = "other", Actor = "x" }));
        Assert.Equal(AuditChain.ChainCount, chains.Distinct().Count());
    }

    [Fact]
    public async Task DeletingTheNewestRecords_IsDetectedOnlyWithACheckpoint()
    {
        var (store, _) = await Trail(8, entities: 3);
        var checkpoint = (await AuditChain.VerifyAsync(store)).Checkpoint!;
        var newest = (await store.QueryAsync(new AuditQuery()))[^1];
        store.RemoveAt(7);

        var withoutAnchor = await AuditChain.VerifyAsync(store);
        var withAnchor = await AuditChain.VerifyAsync(store, AuditCheckpoint.Parse(checkpoint.ToString()));

        Assert.True(withoutAnchor.IsIntact);
        Assert.Equal(newest.Sequence, withAnchor.BrokenAt);
        Assert.Contains("newest records were deleted", withAnchor.Problem, StringComparison.Ordinal);
        Assert.Contains($"chain {newest.Chain}", withAnchor.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckpoint_AcceptsLaterRecords_AndRejectsARewrittenHead()
    {
        var (store, records) = await Trail(4, entities: 2);
        var checkpoint = AuditChain.Verify(records).Checkpoint!;
        await store.AppendAsync([Entry(5, 2), Entry(6, 2)]);

        Assert.True((await AuditChain.VerifyAsync(store, checkpoint)).IsIntact);

        // A whole chain rebuilt from the start (valid links, new content) no longer holds the checkpoint's head.
        var head = checkpoint.Heads[0];
        var rebuilt = new List<AuditRecord>();
        AuditRecord? previous = null;
        foreach (var r in records.Where(r => r.Chain == head.Chain))
        {
            previous = AuditChain.Seal(previous, r.Sequence, r.Entry with { NewValue = "forged" });
            rebuilt.Add(previous);
        }

        var result = AuditChain.Verify(rebuilt, new AuditCheckpoint([head]));
        Assert.Equal(head.Sequence, result.BrokenAt);
        Assert.Contains("does not match the checkpoint", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v2;0:1:" + AuditChain.GenesisHash)]
    [InlineData("v1;0:1")]
    [InlineData("v1;16:1:" + AuditChain.GenesisHash)]
    [InlineData("v1;0:0:" + AuditChain.GenesisHash)]
    [InlineData("v1;0:1:XYZ")]
    [InlineData("v1;3:1:" + AuditChain.GenesisHash + ";3:2:" + AuditChain.GenesisHash)]
    public void ABadCheckpointText_IsAFormatError(string text)
    {
        Assert.Throws<FormatException>(() => AuditCheckpoint.Parse(text));
    }

    [Fact]
    public async Task ACheckpoint_RoundTripsThroughItsText()
    {
        var (_, records) = await Trail(10, entities: 5);
        var checkpoint = AuditChain.Verify(records).Checkpoint!;

        Assert.Equal(checkpoint, AuditCheckpoint.Parse(checkpoint.ToString()));
        Assert.Equal(records.Select(r => r.Chain).Distinct().Count(), checkpoint.Heads.Count);
        Assert.StartsWith("v1;", checkpoint.ToString(), StringComparison.Ordinal);
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
        var (store, _) = await Trail(9, entities: 3);

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
