using System.Numerics;
using CrmCore.Routing;
using FsCheck;
using FsCheck.Fluent;
using static CrmCore.Testing.LongGens;
using NodaTime;

namespace CrmCore.Tests.Routing;

public sealed class SlaTermTests
{
    private static readonly Instant Due = Instant.FromUtc(2026, 3, 2, 12, 0);

    private static Gen<SlaTermOptions> OptionsGen() =>
        from horizon in Gen.Choose(1, 100_000)
        from points in Gen.Choose(0, 1_000_000)
        from perHour in Gen.Choose(0, 1_000_000)
        from cap in Gen.Choose(0, 500_000)
        select new SlaTermOptions
        {
            Horizon = Duration.FromSeconds(horizon),
            PointsAtDue = points,
            OverduePointsPerHour = perHour,
            OverdueCap = Duration.FromSeconds(cap),
        };

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Evaluate_LaterMoment_NeverLower() =>
        Prop.ForAll(Arb.From(OptionsGen()), Arb.From(Gen.Choose(-1_000_000, 1_000_000)), Arb.From(Gen.Choose(0, 1_000_000)), (options, offset, step) =>
        {
            var term = new SlaTerm(options);
            var earlier = Due + Duration.FromMilliseconds(offset * 331L);
            var later = earlier + Duration.FromMilliseconds(step * 17L);
            var a = term.Evaluate(Due, earlier);
            var b = term.Evaluate(Due, later);
            return a <= b && a >= 0 && b <= term.MaxTerm;
        });

    // Tick values from the whole long range, weighted towards its two ends and towards 0, where the subtraction due − now can overflow.
    private static readonly long[] EdgeTicks =
    [
        long.MinValue, long.MinValue + 1, long.MinValue + 2, long.MinValue / 2, -1, 0, 1, long.MaxValue / 2, long.MaxValue - 2, long.MaxValue - 1, long.MaxValue,
    ];

    private static Gen<long> TickGen() => Gen.Frequency(
        (3, Gen.Elements(EdgeTicks)),
        (2, Gen.Elements(EdgeTicks).SelectMany(edge => LongBetween(-100_000_000_000L, 100_000_000_000L).Select(offset => Saturate((BigInteger)edge + offset)))),
        (2, AnyLong()));

    // Every valid setting, in whole ticks (sub-second horizons included): horizon 1 tick to 366 days, points and slope 0 to the maximum, cap 0 to 366 days.
    private static Gen<SlaTermOptions> FullRangeOptionsGen()
    {
        var maxTicks = SlaTermOptions.MaxDuration.BclCompatibleTicks;
        var points = Gen.Frequency((1, Gen.Elements(0L, 1L, SlaTermOptions.MaxPoints)), (3, LongBetween(0, SlaTermOptions.MaxPoints)));
        var horizon = Gen.Frequency((1, Gen.Elements(1L, NodaConstants.TicksPerSecond - 1, NodaConstants.TicksPerSecond, maxTicks)), (3, LongBetween(1, maxTicks)));
        var cap = Gen.Frequency((1, Gen.Elements(0L, NodaConstants.TicksPerSecond, maxTicks)), (3, LongBetween(0, maxTicks)));
        return from h in horizon
               from p in points
               from o in points
               from c in cap
               select new SlaTermOptions { Horizon = Duration.FromTicks(h), PointsAtDue = p, OverduePointsPerHour = o, OverdueCap = Duration.FromTicks(c) };
    }

    // Due time and now: each from the edges, near an edge or anywhere; and half the time a due time within a few horizons of now,
    // so that every piece of the term is reached at both ends of the range too.
    private static Gen<(long Due, long Now)> DueAndNowGen() => Gen.Frequency(
        (1, from due in TickGen() from now in TickGen() select (due, now)),
        (1, from now in TickGen()
            from offset in LongBetween(-2 * SlaTermOptions.MaxDuration.BclCompatibleTicks, 2 * SlaTermOptions.MaxDuration.BclCompatibleTicks)
            select (Saturate((BigInteger)now + offset), now)));

    private static long Saturate(BigInteger value) => (long)BigInteger.Clamp(value, long.MinValue, long.MaxValue);

    private const long NanosecondsPerSecond = 1_000_000_000;

    // A setting in whole seconds from its exact nanoseconds, rounded down (toward zero: the settings are never negative).
    private static BigInteger WholeSeconds(Duration duration) => BigInteger.Divide(duration.ToBigIntegerNanoseconds(), NanosecondsPerSecond);

    // H: the horizon in whole seconds rounded down, at least 1.
    private static BigInteger ModelHorizon(SlaTermOptions options) => BigInteger.Max(1, WholeSeconds(options.Horizon));

    // The documented largest term, P + ⌊S·C / 3600⌋, in unbounded integers.
    private static BigInteger ModelMaxTerm(SlaTermOptions options) =>
        options.PointsAtDue + (options.OverduePointsPerHour * WholeSeconds(options.OverdueCap) / 3600);

    // The documented term computed in unbounded integers: r = due − now in whole seconds rounded down, H the horizon in whole seconds
    // (rounded down, at least 1), C the cap in whole seconds (rounded down), both from the settings' exact nanoseconds; long.MaxValue as
    // the due time means no SLA.
    private static long ReferenceTerm(SlaTermOptions options, long dueTicks, long nowTicks)
    {
        if (dueTicks == long.MaxValue)
        {
            return 0;
        }

        var ticksPerSecond = (BigInteger)NodaConstants.TicksPerSecond;
        var remaining = (BigInteger)dueTicks - nowTicks;
        var r = BigInteger.DivRem(remaining, ticksPerSecond, out var rest);
        if (rest < 0)
        {
            r -= 1;
        }

        var h = ModelHorizon(options);
        var p = (BigInteger)options.PointsAtDue;
        BigInteger term;
        if (r >= h)
        {
            term = 0;
        }
        else if (r >= 0)
        {
            term = p * (h - r) / h;
        }
        else
        {
            var c = WholeSeconds(options.OverdueCap);
            term = p + (options.OverduePointsPerHour * BigInteger.Min(-r, c) / 3600);
        }

        return (long)term;
    }

    [FsCheck.Xunit.Property(MaxTest = 20_000)]
    public Property EvaluateTicks_AnyDueAndNowInTheTickRange_EqualsTheTermInUnboundedIntegers() =>
        Prop.ForAll(Arb.From(FullRangeOptionsGen()), Arb.From(DueAndNowGen()), (options, pair) =>
        {
            var term = new SlaTerm(options);
            var expected = ReferenceTerm(options, pair.Due, pair.Now);
            long actual;
            try
            {
                actual = term.EvaluateTicks(pair.Due, pair.Now);
            }
            catch (Exception e)
            {
                return false.Label($"threw {e.GetType().Name} for due {pair.Due}, now {pair.Now}");
            }

            return (actual == expected && actual >= 0 && actual <= term.MaxTerm)
                .Label($"due {pair.Due}, now {pair.Now}: {actual}, expected {expected} (max {term.MaxTerm})");
        });

    // A setting to the nanosecond, 0 (or 1 ns) to 366 days: anywhere, a whole number of seconds and a few nanoseconds either side of it
    // (where a double of the seconds can round up to the next whole second), or the ends of the range.
    private static Gen<Duration> NanosecondSettingGen(long least)
    {
        var most = SlaTermOptions.MaxDuration.ToInt64Nanoseconds();
        return Gen.Frequency(
            (2, LongBetween(least, most)),
            (3, from seconds in LongBetween(0, most / NanosecondsPerSecond)
                from nanoseconds in Gen.Choose(-2, 2)
                select Math.Clamp((seconds * NanosecondsPerSecond) + nanoseconds, least, most)),
            (1, Gen.Elements(least, 1L, NanosecondsPerSecond - 1, NanosecondsPerSecond, NanosecondsPerSecond + 1, most - 1, most)))
            .Select(Duration.FromNanoseconds);
    }

    private static Gen<SlaTermOptions> NanosecondOptionsGen()
    {
        var points = Gen.Frequency((1, Gen.Elements(0L, 1L, SlaTermOptions.MaxPoints)), (3, LongBetween(0, SlaTermOptions.MaxPoints)));
        return from h in NanosecondSettingGen(1)
               from p in points
               from o in points
               from c in NanosecondSettingGen(0)
               select new SlaTermOptions { Horizon = h, PointsAtDue = p, OverduePointsPerHour = o, OverdueCap = c };
    }

    // Settings given to the nanosecond, against the term in unbounded integers: the largest term, and the term for due times at the
    // horizon, the due time and the cap (one second and one tick either side, as the exact model counts them) from any instant.
    [FsCheck.Xunit.Property(MaxTest = 3_000)]
    public Property EvaluateTicks_SettingsToTheNanosecond_EqualsTheTermInUnboundedIntegers() =>
        Prop.ForAll(Arb.From(NanosecondOptionsGen()), Arb.From(TickGen()), (options, now) =>
        {
            var term = new SlaTerm(options);
            var second = (BigInteger)NodaConstants.TicksPerSecond;
            var h = ModelHorizon(options) * second;
            var c = WholeSeconds(options.OverdueCap) * second;
            BigInteger[] offsets = [h + second, h + 1, h, h - 1, h - second, 1, 0, -1, -c + 1, -c, -c - 1, -c - second, -c - second - 1];
            var wrong = offsets
                .Select(offset => Saturate(now + offset))
                .Select(due => (Due: due, Actual: term.EvaluateTicks(due, now), Expected: ReferenceTerm(options, due, now)))
                .Where(x => x.Actual != x.Expected)
                .Select(x => $"due {x.Due}: {x.Actual}, expected {x.Expected}")
                .ToList();
            var max = ModelMaxTerm(options);
            return (wrong.Count == 0 && term.MaxTerm == max)
                .Label($"horizon {options.Horizon.ToBigIntegerNanoseconds()} ns, cap {options.OverdueCap.ToBigIntegerNanoseconds()} ns, now {now}: " +
                       $"max {term.MaxTerm}, expected {max}; {string.Join("; ", wrong)}");
        });

    // 366 days less a nanosecond is 31,622,399 whole seconds; as a double of seconds it is 31,622,400 (the nearest double), one second
    // long. With 10^9 points at due, a second inside a horizon one second too long is worth 31 points.
    [Fact]
    public void Evaluate_HorizonOneNanosecondShortOfAWholeSecond_CountsTheWholeSecondsBelowIt()
    {
        var horizon = Duration.FromDays(366) - Duration.FromNanoseconds(1);
        var term = new SlaTerm(new SlaTermOptions { Horizon = horizon, PointsAtDue = SlaTermOptions.MaxPoints });
        var seconds = (366L * 86_400) - 1;
        Assert.Equal(0, term.Evaluate(Due, Due - Duration.FromSeconds(seconds)));
        Assert.Equal(SlaTermOptions.MaxPoints / seconds, term.Evaluate(Due, Due - Duration.FromSeconds(seconds - 1)));
        Assert.Equal(SlaTermOptions.MaxPoints, term.Evaluate(Due, Due));
    }

    // The cap counts whole seconds the same way: 366 days less a nanosecond caps the overdue rise after 31,622,399 s, not 31,622,400 s.
    [Fact]
    public void Evaluate_OverdueCapOneNanosecondShortOfAWholeSecond_StopsRisingAtTheWholeSecondsBelowIt()
    {
        var cap = Duration.FromDays(366) - Duration.FromNanoseconds(1);
        var term = new SlaTerm(new SlaTermOptions { PointsAtDue = 0, OverduePointsPerHour = 3_600, OverdueCap = cap });
        var seconds = (366L * 86_400) - 1;
        Assert.Equal(seconds, term.MaxTerm);
        Assert.Equal(seconds - 1, term.Evaluate(Due, Due + Duration.FromSeconds(seconds - 1)));
        Assert.Equal(seconds, term.Evaluate(Due, Due + Duration.FromSeconds(seconds)));
        Assert.Equal(seconds, term.Evaluate(Due, Due + Duration.FromSeconds(seconds + 1)));
    }

    // The rounding rule at small settings: down to whole seconds, a horizon under a second counts as one.
    [Theory]
    [InlineData(1L, 1)]
    [InlineData(999_999_999L, 1)]
    [InlineData(1_000_000_000L, 1)]
    [InlineData(1_999_999_999L, 1)]
    [InlineData(2_000_000_000L, 2)]
    [InlineData(2_000_000_001L, 2)]
    public void Constructor_HorizonToTheNanosecond_RoundsDownToWholeSecondsAndAtLeastOne(long nanoseconds, long seconds)
    {
        var term = new SlaTerm(new SlaTermOptions { Horizon = Duration.FromNanoseconds(nanoseconds), PointsAtDue = 1_000 });
        Assert.Equal(0, term.Evaluate(Due, Due - Duration.FromSeconds(seconds)));
        Assert.Equal(1_000 / seconds, term.Evaluate(Due, Due - Duration.FromSeconds(seconds - 1)));
    }

    [Theory]
    [InlineData(long.MinValue + 1, long.MaxValue - 1, 2500)] // overdue by almost 2^64 ticks (past the cap): the difference wraps to +3 ticks
    [InlineData(long.MinValue, long.MaxValue, 2500)]
    [InlineData(long.MinValue, 1, 2500)]
    [InlineData(long.MaxValue - 1, long.MinValue, 0)] // due almost 2^64 ticks ahead: the difference wraps below zero
    [InlineData(long.MaxValue - 1, -1, 0)]
    [InlineData(long.MaxValue - 1, long.MaxValue - 1, 100)]
    [InlineData(long.MinValue, long.MinValue, 100)]
    [InlineData(long.MaxValue - 1, long.MaxValue - 1 - (8L * 3600 * NodaConstants.TicksPerSecond), 0)] // exactly the horizon ahead
    [InlineData(long.MaxValue - 1, long.MaxValue - (8L * 3600 * NodaConstants.TicksPerSecond), 0)] // one tick inside it: 28,799 whole s
    [InlineData(long.MinValue + (4L * 3600 * NodaConstants.TicksPerSecond), long.MinValue, 50)] // half the horizon ahead
    [InlineData(long.MinValue, long.MinValue + (71 * NodaConstants.TicksPerSecond) + 1, 101)] // 71 s and a tick late: r = −72 s (rounded down)
    public void EvaluateTicks_AtTheEndsOfTheTickRange_IsTheDocumentedTerm(long due, long now, long expected)
    {
        var options = new SlaTermOptions(); // 8 h horizon, 100 at due, 50 an hour past it, capped after 48 h: at most 2,500
        Assert.Equal(expected, ReferenceTerm(options, due, now));
        Assert.Equal(expected, new SlaTerm(options).EvaluateTicks(due, now));
    }

    [Fact]
    public void Evaluate_DefaultOptions_RisesToPointsAtDueThenFurther()
    {
        var term = SlaTerm.Default;
        Assert.Equal(0, term.Evaluate(Due, Due - Duration.FromHours(9)));
        Assert.Equal(0, term.Evaluate(Due, Due - Duration.FromHours(8)));
        Assert.Equal(50, term.Evaluate(Due, Due - Duration.FromHours(4)));
        Assert.Equal(100, term.Evaluate(Due, Due));
        Assert.Equal(150, term.Evaluate(Due, Due + Duration.FromHours(1)));
        Assert.Equal(100 + (50 * 48), term.Evaluate(Due, Due + Duration.FromDays(10)));
        Assert.Equal(term.MaxTerm, term.Evaluate(Due, Due + Duration.FromDays(10)));
        Assert.Equal(0, term.Evaluate(null, Due));
        Assert.Equal(7 + 100, term.Score(7, Due, Due));
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new SlaTermOptions { Horizon = Duration.Zero, PointsAtDue = -1, OverduePointsPerHour = -5, OverdueCap = Duration.FromDays(-1) };
        var error = Assert.Throws<ArgumentException>(() => new SlaTerm(options));
        Assert.Contains("Horizon", error.Message, StringComparison.Ordinal);
        Assert.Contains("PointsAtDue", error.Message, StringComparison.Ordinal);
        Assert.Contains("OverduePointsPerHour", error.Message, StringComparison.Ordinal);
        Assert.Contains("OverdueCap", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, options.Validate().Count);
    }
}
