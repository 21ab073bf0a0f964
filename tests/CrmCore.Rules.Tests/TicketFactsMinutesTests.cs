using System.Numerics;
using CrmCore.Rules.Facts;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmCore.Rules.Tests;

/// <summary>
/// The time facts of <see cref="TicketFacts"/> against an exact model in unbounded integers: a span in whole minutes is its exact
/// nanoseconds divided by 60·10^9 and rounded toward negative infinity, clamped to the range of an <see cref="int"/>.
/// </summary>
public sealed class TicketFactsMinutesTests
{
    private static readonly BigInteger NanosecondsPerMinute = NodaConstants.NanosecondsPerMinute;
    private static readonly Instant Raised = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly BigInteger MinNanoseconds = Instant.MinValue.ToUnixTimeTicks() * (BigInteger)NodaConstants.NanosecondsPerTick;
    private static readonly BigInteger MaxNanoseconds = (Instant.MaxValue.ToUnixTimeTicks() * (BigInteger)NodaConstants.NanosecondsPerTick) + 99;

    // ⌊span / 1 min⌋ in unbounded integers, then clamped to an int.
    private static int ModelMinutes(Duration span)
    {
        var minutes = BigInteger.DivRem(span.ToBigIntegerNanoseconds(), NanosecondsPerMinute, out var remainder);
        if (remainder < 0)
        {
            minutes -= 1;
        }

        return (int)BigInteger.Clamp(minutes, int.MinValue, int.MaxValue);
    }

    private static Gen<long> AnyLong() =>
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        select ((long)hi << 32) | (uint)lo;

    private static Gen<long> LongBetween(long low, long high) =>
        AnyLong().Select(x => low + (long)((ulong)x % (ulong)(high - low + 1)));

    // A span in nanoseconds: a whole number of minutes (up to about two months, up to 1,100 years, or past what an int of minutes
    // holds) and a few nanoseconds either side of it, where a double of the minutes rounds to the whole minute; or any long.
    private static Gen<BigInteger> SpanGen()
    {
        Gen<BigInteger> NearWholeMinutes(long most) =>
            from minutes in LongBetween(-most, most)
            from nanoseconds in Gen.Choose(-3, 3)
            select (minutes * NanosecondsPerMinute) + nanoseconds;

        return Gen.Frequency(
            (2, NearWholeMinutes(90 * 1440)),
            (3, NearWholeMinutes(600_000_000)),
            (1, NearWholeMinutes(11_000_000_000)),
            (1, AnyLong().Select(n => (BigInteger)n)),
            (1, Gen.Elements<BigInteger>(0, 1, -1, NanosecondsPerMinute - 1, NanosecondsPerMinute, -NanosecondsPerMinute, -NanosecondsPerMinute - 1)));
    }

    private static Instant At(BigInteger nanoseconds) =>
        Instant.FromUnixTimeTicks(0) + Duration.FromNanoseconds(BigInteger.Clamp(nanoseconds, MinNanoseconds, MaxNanoseconds));

    private static Gen<(Instant Raised, Instant Now, Instant? Due)> MomentsGen() =>
        from raisedTicks in LongBetween(Instant.MinValue.ToUnixTimeTicks(), Instant.MaxValue.ToUnixTimeTicks())
        from age in SpanGen()
        from toDue in SpanGen()
        from hasDue in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        let raised = Instant.FromUnixTimeTicks(raisedTicks)
        let now = At((raisedTicks * (BigInteger)NodaConstants.NanosecondsPerTick) + age)
        select (raised, now, hasDue ? At(((now - Instant.FromUnixTimeTicks(0)).ToBigIntegerNanoseconds()) + toDue) : (Instant?)null);

    [FsCheck.Xunit.Property(MaxTest = 3_000)]
    public Property From_MinuteFacts_EqualTheExactWholeMinutesRoundedDown() =>
        Prop.ForAll(Arb.From(MomentsGen()), moments =>
        {
            var (raised, now, due) = moments;
            var facts = TicketFacts.From(new TicketFactsInput { RaisedAt = raised, SlaDueAt = due }, now);

            var age = Math.Max(0, ModelMinutes(now - raised));
            int? toDue = due is { } d ? ModelMinutes(d - now) : null;
            return (facts.AgeMinutes == age && facts.MinutesToSlaDue == toDue && facts.IsOverdue == (due is { } o && now > o)
                    && (due is null || facts.MinutesToSlaDue < 0 == facts.IsOverdue))
                .Label($"raised {raised}, now {now}, due {due}: age {facts.AgeMinutes} (expected {age}), to due {facts.MinutesToSlaDue} (expected {toDue})");
        });

    // The percentage stays a double computed from the exact nanoseconds: within rounding of the exact ratio, never whole minutes.
    [FsCheck.Xunit.Property(MaxTest = 2_000)]
    public Property From_SlaPercentUsed_IsTheExactShareRoundedToTwoDecimals() =>
        Prop.ForAll(Arb.From(MomentsGen()), moments =>
        {
            var (raised, now, due) = moments;
            var facts = TicketFacts.From(new TicketFactsInput { RaisedAt = raised, SlaDueAt = due }, now);
            if (due is not { } d)
            {
                return (facts.SlaPercentUsed is null).Label("no SLA: null");
            }

            var total = (d - raised).ToBigIntegerNanoseconds();
            if (total <= 0)
            {
                return (facts.SlaPercentUsed == 100m).Label($"due {d} not after raised {raised}: {facts.SlaPercentUsed}");
            }

            // |percent − 100·elapsed/total| ≤ 0.005 (two decimals) + a relative 10^−12 (the double), compared in integers.
            var elapsed = (now - raised).ToBigIntegerNanoseconds();
            var scaled = new BigInteger(facts.SlaPercentUsed!.Value * 1000) * total;    // 1000·percent·total
            var exact = elapsed * 100_000;                                                // 1000·100·elapsed
            var allowed = (5 * total) + BigInteger.Abs(exact / 1_000_000_000_000) + 1;
            return (BigInteger.Abs(scaled - exact) <= allowed)
                .Label($"raised {raised}, now {now}, due {d}: {facts.SlaPercentUsed} %, elapsed {elapsed} ns of {total} ns");
        });

    // From 2^18 minutes (about 182 days) a nanosecond is less than half a double's step in minutes: 200 days less a nanosecond came
    // out as 288,000 minutes, one minute high.
    [Theory]
    [InlineData(-1L, 287_999)]
    [InlineData(0L, 288_000)]
    [InlineData(1L, 288_000)]
    public void From_AgeOfMonths_ANanosecondShortOfAWholeMinute_IsTheMinuteBelow(long nanoseconds, int expected)
    {
        var now = Raised + Duration.FromDays(200) + Duration.FromNanoseconds(nanoseconds);

        Assert.Equal(expected, TicketFacts.From(new TicketFactsInput { RaisedAt = Raised }, now).AgeMinutes);
    }

    // Rounded toward negative infinity: a nanosecond overdue is −1, as many minutes and a nanosecond overdue is one more.
    [Theory]
    [InlineData(200L * 1440, -1L, 287_999)]
    [InlineData(0L, 1L, 0)]
    [InlineData(0L, -1L, -1)]
    [InlineData(-200L * 1440, 0L, -288_000)]
    [InlineData(-200L * 1440, 1L, -288_000)]
    [InlineData(-200L * 1440, -1L, -288_001)]
    public void From_MinutesToSlaDue_AreRoundedDownToTheNanosecond(long minutes, long nanoseconds, int expected)
    {
        var now = Raised + Duration.FromDays(300);
        var due = now + Duration.FromMinutes(minutes) + Duration.FromNanoseconds(nanoseconds);

        var facts = TicketFacts.From(new TicketFactsInput { RaisedAt = Raised, SlaDueAt = due }, now);

        Assert.Equal(expected, facts.MinutesToSlaDue);
        Assert.Equal(expected < 0, facts.IsOverdue);
    }

    [Fact]
    public void From_SpansBeyondAnIntOfMinutes_AreClampedToTheIntRange()
    {
        var raised = Instant.FromUtc(-5000, 1, 1, 0, 0);
        var now = Instant.FromUtc(5000, 1, 1, 0, 0);

        var facts = TicketFacts.From(new TicketFactsInput { RaisedAt = raised, SlaDueAt = raised }, now);
        var ahead = TicketFacts.From(new TicketFactsInput { RaisedAt = now, SlaDueAt = now }, raised);

        Assert.Equal(int.MaxValue, facts.AgeMinutes);
        Assert.Equal(int.MinValue, facts.MinutesToSlaDue);
        Assert.Equal(0, ahead.AgeMinutes);
        Assert.Equal(int.MaxValue, ahead.MinutesToSlaDue);
    }

    [Fact]
    public void From_SlaPercentUsed_CountsSecondsNotWholeMinutes()
    {
        var facts = TicketFacts.From(new TicketFactsInput { RaisedAt = Raised, SlaDueAt = Raised + Duration.FromMinutes(1) }, Raised + Duration.FromSeconds(20));

        Assert.Equal(0, facts.AgeMinutes);
        Assert.Equal(33.33m, facts.SlaPercentUsed);
    }
}
