using System.Globalization;
using CrmCore.Audit;
using NodaTime;

namespace CrmCore.Tests.Audit;

/// <summary>The broken link of a trail in structured form (kind and values), and its words in English and Simplified Chinese.</summary>
public sealed class AuditFindingTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static List<AuditRecord> Trail(int count)
    {
        var records = new List<AuditRecord>();
        AuditRecord? previous = null;
        foreach (var i in Enumerable.Range(1, count))
        {
            previous = AuditChain.Seal(previous, i, new AuditEntry(At + Duration.FromMinutes(i), "li.na", AuditAction.Update, "customer", "KH0001") { NewValue = "A" + i });
            records.Add(previous);
        }

        return records;
    }

    [Fact]
    public void Verify_EachBreak_HasItsKindAndValues()
    {
        var chain = Trail(5)[0].Chain;

        var altered = Trail(5);
        altered[2] = altered[2] with { Entry = altered[2].Entry with { NewValue = "C" } };
        var swapped = Trail(5);
        (swapped[1], swapped[3]) = (swapped[3] with { Sequence = 2 }, swapped[1] with { Sequence = 4 });
        var outOfOrder = Trail(3);
        outOfOrder.Insert(2, outOfOrder[0]);
        var unknownChain = Trail(3);
        unknownChain[1] = unknownChain[1] with { Chain = 99 };
        var firstDeleted = Trail(3).Skip(1);

        Assert.Equal(new AuditFinding(AuditFindingKind.Altered, 3, chain), AuditChain.Verify(altered).Finding);
        Assert.Equal(new AuditFinding(AuditFindingKind.PreviousHashMismatch, 2, chain) { OtherSequence = 1 }, AuditChain.Verify(swapped).Finding);
        Assert.Equal(new AuditFinding(AuditFindingKind.OutOfOrder, 1, chain) { OtherSequence = 2 }, AuditChain.Verify(outOfOrder).Finding);
        Assert.Equal(new AuditFinding(AuditFindingKind.UnknownChain, 2, 99), AuditChain.Verify(unknownChain).Finding);
        Assert.Equal(new AuditFinding(AuditFindingKind.ChainStartMismatch, 2, chain), AuditChain.Verify(firstDeleted).Finding);
        Assert.Null(AuditChain.Verify(Trail(5)).Finding);
    }

    [Fact]
    public void Verify_AgainstACheckpoint_NamesTheCheckpointsHeadAndWhereTheChainEnds()
    {
        var records = Trail(5);
        var checkpoint = AuditChain.Verify(records).Checkpoint!;
        var chain = records[0].Chain;
        var forgedHead = new AuditCheckpoint([new AuditChainHead(chain, 5, new string('a', 64))]);

        var truncated = AuditChain.Verify(records.Take(3), checkpoint);
        var empty = AuditChain.Verify([], checkpoint);
        var mismatch = AuditChain.Verify(records, forgedHead);

        Assert.Equal(new AuditFinding(AuditFindingKind.NewestDeleted, 5, chain) { OtherSequence = 3, CheckpointSequence = 5 }, truncated.Finding);
        Assert.Equal(new AuditFinding(AuditFindingKind.NewestDeleted, 5, chain) { CheckpointSequence = 5 }, empty.Finding);
        Assert.Equal(
            new AuditFinding(AuditFindingKind.CheckpointMismatch, 5, chain) { CheckpointSequence = 5, CheckpointHash = new string('a', 64) },
            mismatch.Finding);
        Assert.Equal(truncated.Finding!.ToString(), truncated.Problem);
    }

    [Theory]
    [InlineData(AuditFindingKind.UnknownChain, 99, null, null, null, "record 7 names chain 99, which does not exist", "第 7 条记录所属的链 99 不存在")]
    [InlineData(AuditFindingKind.OutOfOrder, 2, 9L, null, null, "record 7 comes after record 9: the trail is out of order", "第 7 条记录排在第 9 条之后：记录顺序错乱")]
    [InlineData(AuditFindingKind.ChainStartMismatch, 2, null, null, null,
        "record 7 does not carry the hash of a chain's start in chain 2: a record before it was deleted, or it was inserted or reordered",
        "第 7 条记录未携带链 2 起点的哈希：它之前的记录被删除，或它是被插入或调换了顺序的")]
    [InlineData(AuditFindingKind.PreviousHashMismatch, 2, 5L, null, null,
        "record 7 does not carry the hash of record 5, the one before it in chain 2 (deleted, inserted or reordered)",
        "第 7 条记录未携带链 2 中前一条（第 5 条）记录的哈希（有记录被删除、插入或调换了顺序）")]
    [InlineData(AuditFindingKind.Altered, 2, null, null, null, "record 7 was altered: its content does not match its hash", "第 7 条记录被篡改：其内容与其哈希不符")]
    [InlineData(AuditFindingKind.CheckpointMismatch, 2, null, 7L, "ab12",
        "record 7 of chain 2 does not match the checkpoint, which names record 7 with hash ab12",
        "链 2 的第 7 条记录与检查点不符，检查点记载的是第 7 条记录，哈希为 ab12")]
    [InlineData(AuditFindingKind.NewestDeleted, 2, null, 7L, null,
        "chain 2 has no records, but the checkpoint names record 7: the newest records were deleted",
        "链 2 没有任何记录，但检查点记载了第 7 条记录：最新的记录已被删除")]
    [InlineData(AuditFindingKind.NewestDeleted, 2, 5L, 7L, null,
        "chain 2 ends at record 5, but the checkpoint names record 7: the newest records were deleted",
        "链 2 止于第 5 条记录，但检查点记载了第 7 条：最新的记录已被删除")]
    public void Describe_EveryKind_InEnglishAndSimplifiedChinese(
        AuditFindingKind kind, int chain, long? other, long? checkpoint, string? hash, string english, string chinese)
    {
        var finding = new AuditFinding(kind, 7, chain) { OtherSequence = other, CheckpointSequence = checkpoint, CheckpointHash = hash };

        Assert.Equal(english, finding.Describe(CultureInfo.GetCultureInfo("en")));
        Assert.Equal(english, finding.ToString());
        Assert.Equal(chinese, finding.Describe(CultureInfo.GetCultureInfo("zh-Hans")));
        Assert.Equal(chinese, finding.Describe(CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void Describe_EveryKind_HasWordsOfItsOwn()
    {
        foreach (var kind in Enum.GetValues<AuditFindingKind>())
        {
            var finding = new AuditFinding(kind, 7, 2) { OtherSequence = 5, CheckpointSequence = 7, CheckpointHash = "ab12" };
            Assert.StartsWith(kind is AuditFindingKind.NewestDeleted ? "chain 2 " : "record 7 ", finding.Describe(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
            Assert.Matches("^(第|链)", finding.Describe(CultureInfo.GetCultureInfo("zh-Hans")));
        }
    }
}
