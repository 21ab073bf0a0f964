using System.Numerics;
using CrmCore.Rules.Facts;
using FsCheck;
using FsCheck.Fluent;
using static CrmCore.Testing.LongGens;
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

    // The percentage is exact from the nanoseconds: 100·elapsed/total rounded to two decimals, half to even (no double on the way).
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

            var elapsed = (now - raised).ToBigIntegerNanoseconds();
            var expected = (decimal)RoundHalfEven(elapsed * 10_000, total) / 100m;
            return (facts.SlaPercentUsed == expected)
                .Label($"raised {raised}, now {now}, due {d}: {facts.SlaPercentUsed} % (expected {expected}), elapsed {elapsed} ns of {total} ns");
        });

    /// <summary>n / d (d positive) rounded to the nearest integer, ties to the even one: the reference, in unbounded integers.</summary>
    private static BigInteger RoundHalfEven(BigInteger n, BigInteger d)
    {
        var q = BigInteger.DivRem(n, d, out var r);
        var twice = BigInteger.Abs(r) * 2;
        return twice > d || (twice == d && !q.IsEven) ? q + n.Sign : q;
    }

    // Exactly representable ties and a ratio a double cannot hold: 1 ns of 20,000 ns is 0.005 % (a tie, to 0.00); 3 of 20,000 is 0.015
    // (to 0.02); 10^13 + 1 ns of 2·10^17 is 0.005 % and 5·10^−16 more, so 0.01; 2·10^15 + 10^11 + 1 ns of 2·10^15 is 100.005 % and 5·10^−14 more, so 100.01 (the double quotient
    // turned into a 15-digit decimal was the tie 100.005, rounded to 100.00); a target of 2^62 + 1 ns with 2^62 − 1 elapsed is 99.9999999999999999891…% (100.00), and one of 200 days with
    // 200 days less 100.5 µs elapsed is 99.9999994… % (100.00).
    [Theory]
    [InlineData(1L, 20_000L, "0.00")]
    [InlineData(3L, 20_000L, "0.02")]
    [InlineData(5L, 20_000L, "0.02")]
    [InlineData(-1L, 20_000L, "0.00")]
    [InlineData(-3L, 20_000L, "-0.02")]
    [InlineData(4_611_686_018_427_387_903L, 4_611_686_018_427_387_905L, "100.00")]
    [InlineData(17_279_999_899_500_000L, 17_280_000_000_000_000L, "100.00")]
    [InlineData(10_000_000_000_001L, 200_000_000_000_000_000L, "0.01")]
    [InlineData(2_000_100_000_000_001L, 2_000_000_000_000_000L, "100.01")]
    [InlineData(1L, 3L, "33.33")]
    [InlineData(2L, 3L, "66.67")]
    public void From_SlaPercentUsed_IsExact_HalfToEven(long elapsed, long target, string expected)
    {
        var facts = TicketFacts.From(
            new TicketFactsInput { RaisedAt = Raised, SlaDueAt = Raised + Duration.FromNanoseconds(target) }, Raised + Duration.FromNanoseconds(elapsed));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), facts.SlaPercentUsed);
    }

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
