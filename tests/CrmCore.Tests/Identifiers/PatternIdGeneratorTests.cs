using System.Collections.Concurrent;
using CrmCore.Customers;
using CrmCore.Identifiers;
using CrmCore.Tests.Support;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Identifiers;

public class PatternIdGeneratorTests
{
    private static PatternIdGenerator<CustomerId> Generator(string pattern, IClock clock) =>
        new(IdPattern.Parse(pattern), clock, TestData.Shanghai, s => new CustomerId(s));

    [Fact]
    public void Next_SamePeriod_CountsUp()
    {
        var generator = Generator("C{yyyyMM}{seq:3}", TestData.NewClock());

        Assert.Equal(["C202403001", "C202403002", "C202403003"], Enumerable.Range(0, 3).Select(_ => generator.Next().Value));
    }

    [Fact]
    public void Next_NewPeriod_RestartsAtOne()
    {
        var clock = TestData.NewClock();
        var generator = Generator("WT{yyyyMM}{seq:3}", clock);
        generator.Next();
        generator.Next();
        clock.Reset(Instant.FromUtc(2024, 4, 2, 0, 0));

        Assert.Equal("WT202404001", generator.Next().Value);
    }

    [Fact]
    public void Next_PeriodIsTakenInConfiguredZone()
    {
        // 2024-03-31 16:30 UTC is already 1 April in Shanghai (UTC+8).
        var generator = Generator("C{yyyyMM}{seq:3}", new FakeClock(Instant.FromUtc(2024, 3, 31, 16, 30)));

        Assert.Equal("C202404001", generator.Next().Value);
    }

    [Fact]
    public void Next_NoDatePattern_NeverRestarts()
    {
        var clock = TestData.NewClock();
        var generator = Generator("KH{seq:4}", clock);
        generator.Next();
        clock.AdvanceDays(400);

        Assert.Equal("KH0002", generator.Next().Value);
    }

    [Fact]
    public void Next_SequenceExhausted_ThrowsEveryTimeAndNeverWraps()
    {
        var generator = Generator("KH{seq:1}", TestData.NewClock());
        var issued = Enumerable.Range(0, 9).Select(_ => generator.Next().Value).ToList();

        var ex = Assert.Throws<IdSequenceExhaustedException>(() => generator.Next());
        Assert.Throws<IdSequenceExhaustedException>(() => generator.Next());

        Assert.Equal("KH9", issued[^1]);
        Assert.Equal(9, ex.MaxSequence);
        Assert.Equal(IdSequenceExhaustedException.ErrorCode, ex.Code);
        Assert.Equal("Id pattern 'KH{seq:1}' has no sequence number left in period '': all 9 are used. Widen {seq:N} in the pattern.", ex.Message);
        Assert.Contains("序号已用完", ex.LocalizedMessage(new System.Globalization.CultureInfo("zh-CN")), StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_LastIssuedId_ContinuesAfterIt()
    {
        var generator = Generator("C{yyyyMM}{seq:3}", TestData.NewClock());

        generator.Seed("C202403017");
        generator.Seed("C202403005");
        generator.Seed("C202402999");

        Assert.Equal("C202403018", generator.Next().Value);
    }

    [Fact]
    public void Seed_DateAndSequence_ContinuesAfterIt()
    {
        var generator = Generator("C{yyyyMM}{seq:3}", TestData.NewClock());

        generator.Seed(new LocalDate(2024, 3, 30), 41);

        Assert.Equal("C202403042", generator.Next().Value);
    }

    [Fact]
    public void Seed_IdOfAnotherPattern_Throws()
    {
        var generator = Generator("C{yyyyMM}{seq:3}", TestData.NewClock());

        Assert.Throws<ArgumentException>(() => generator.Seed("KH0001"));
        Assert.Equal("C202403001", generator.Next().Value);
    }

    [Fact]
    public void Next_ManyThreadsAcrossPeriodChange_AllIdsUnique()
    {
        var march = new FakeClock(Instant.FromUtc(2024, 3, 31, 15, 59));
        var april = new FakeClock(Instant.FromUtc(2024, 3, 31, 16, 1));
        var clock = new SwitchingClock(march, april);
        var generator = Generator("C{yyyyMM}{seq:5}", clock);
        var ids = new ConcurrentBag<string>();

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (i == 10_000)
            {
                clock.Switch();
            }

            ids.Add(generator.Next().Value);
        });

        Assert.Equal(20_000, ids.Distinct().Count());
        var perMonth = ids.GroupBy(id => id[..7]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["C202403", "C202404"], perMonth.Keys.Order());
        Assert.All(perMonth, month => Assert.Equal(month.Value, ids.Where(id => id.StartsWith(month.Key, StringComparison.Ordinal)).Max(id => int.Parse(id[7..], System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Property(MaxTest = 20)]
    public bool Next_ConcurrentCalls_NeverRepeat(byte threadSeed, ushort countSeed)
    {
        var threads = 2 + (threadSeed % 7);
        var count = 100 + (countSeed % 900);
        var generator = Generator("KH{seq:4}", TestData.NewClock());
        var ids = new ConcurrentBag<CustomerId>();

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => ids.Add(generator.Next()));

        return ids.Distinct().Count() == count && ids.Max()!.Value == $"KH{count:D4}";
    }

    /// <summary>Reads one of two fixed fake clocks; switching is atomic, and neither clock is mutated while threads read it.</summary>
    private sealed class SwitchingClock(FakeClock first, FakeClock second) : IClock
    {
        private volatile bool switched;

        public void Switch() => switched = true;

        public Instant GetCurrentInstant() => switched ? second.GetCurrentInstant() : first.GetCurrentInstant();
    }
}
