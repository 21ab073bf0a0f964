using CrmCore.Identifiers;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>Id sequences: never the same id twice, across instances and restarts.</summary>
public sealed class IdSequenceContractTests
{
    public static TheoryData<string> Providers => StoreProvider.All();

    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Providers))]
    public void Next_FromConcurrentCallers_NeverRepeats_AndRestartsEachPeriod(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 31, 10, 0));
        var generator = storage.Ids("WT{yyyyMM}{seq:4}", clock);
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => ids.Add(generator.Next()));

        Assert.Equal(200, ids.Distinct().Count());
        Assert.Equal("WT2026030200", ids.Max());
        clock.Advance(Duration.FromDays(1));
        Assert.Equal("WT2026040001", generator.Next());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Next_FromTwoInstancesAndAfterARestart_NeverRepeats(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 10, 0));
        var a = storage.Ids("C{yyyyMM}{seq:5}", clock, blockSize: 10);
        var b = storage.Ids("C{yyyyMM}{seq:5}", clock, blockSize: 1);
        var ids = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            ids.Add(a.Next());
            ids.Add(b.Next());
        }

        var restarted = storage.Ids("C{yyyyMM}{seq:5}", clock, blockSize: 10);
        ids.Add(restarted.Next());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(string.CompareOrdinal(ids[^1], ids.Take(ids.Count - 1).Max()) > 0, "a restarted instance continues after every id issued before");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Next_WhenThePeriodIsUsedUp_ThrowsAndNeverWraps(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 10, 0));
        var generator = storage.Ids("K{yyyyMM}{seq:1}", clock, blockSize: 4);
        var ids = Enumerable.Range(0, 9).Select(_ => generator.Next()).ToList();

        Assert.Equal("K2026039", ids[^1]);
        Assert.Throws<IdSequenceExhaustedException>(() => generator.Next());
    }
}
