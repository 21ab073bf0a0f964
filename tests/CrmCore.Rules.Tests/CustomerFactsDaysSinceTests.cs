using System.Numerics;
using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using FsCheck;
using FsCheck.Fluent;
using static CrmCore.Testing.LongGens;
using NodaTime;

namespace CrmCore.Rules.Tests;

/// <summary>
/// <see cref="CustomerFacts.DaysSinceLastInteraction"/> and the bulk kernels' two paths against an exact model in unbounded integers: the
/// nanoseconds from the last interaction to now divided by 86,400·10^9 and rounded toward negative infinity, then at least 0 (a future
/// interaction is 0 days ago). The kernels keep the last interaction as a tick and the nanoseconds from it
/// (<see cref="BulkDates.InteractionTicks"/>, <see cref="BulkDates.InteractionNanoseconds"/>) and count in ticks for a whole-tick "now"
/// (<see cref="FactMath.WholeDaysSince(long, long)"/>), from the exact instant for any other (<see cref="BulkDates.DaysSince"/>).
/// </summary>
public sealed class CustomerFactsDaysSinceTests
{
    private static readonly BigInteger NanosecondsPerDay = NodaConstants.NanosecondsPerDay;
    private static readonly long MinTicks = Instant.MinValue.ToUnixTimeTicks();
    private static readonly long MaxTicks = Instant.MaxValue.ToUnixTimeTicks();

    // max(0, ⌊(now − then) / 1 day⌋) in unbounded integers, clamped to an int.
    private static int ModelDays(Instant now, Instant then)
    {
        var days = BigInteger.DivRem((now - then).ToBigIntegerNanoseconds(), NanosecondsPerDay, out var remainder);
        if (remainder < 0)
        {
            days -= 1;
        }

        return (int)BigInteger.Clamp(days, 0, int.MaxValue);
    }

    // A gap in ticks: a whole number of days (either sign, up to the whole Instant range) and at most a tick either side of it, where a
    // double of the days rounds to the whole day; or any gap in the range.
    private static Gen<long> GapTicksGen()
    {
        Gen<long> NearWholeDays(long most) =>
            from days in LongBetween(-most, most)
            from ticks in Gen.Choose(-1, 1)
            select (days * NodaConstants.TicksPerDay) + ticks;

        return Gen.Frequency(
            (2, NearWholeDays(400)),
            (4, NearWholeDays(7_300_000)),
            (1, LongBetween(MinTicks, MaxTicks)),
            (1, Gen.Elements(0L, 1L, -1L, NodaConstants.TicksPerDay - 1, NodaConstants.TicksPerDay, -NodaConstants.TicksPerDay, -NodaConstants.TicksPerDay - 1)));
    }

    // "Now" anywhere in the range, on a whole tick or a few nanoseconds past one (the bulk kernels' two paths); the last interaction
    // a tick-precise gap before it, moved to the other side of now when that leaves the range, on a whole tick or a few nanoseconds
    // past one (the bulk store keeps a tick and the nanoseconds from it).
    private static Gen<(Instant Now, long NowTicks, Instant Then)> MomentsGen() =>
        from nowTicks in LongBetween(MinTicks, MaxTicks)
        from extra in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Elements(1, 50, 99)))
        from gap in GapTicksGen()
        from thenExtra in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Elements(1, 50, 99)))
        let before = (Int128)nowTicks - gap
        let after = (Int128)nowTicks + gap
        let then = before >= MinTicks && before <= MaxTicks ? before : Int128.Clamp(after, MinTicks, MaxTicks)
        select (Instant.FromUnixTimeTicks(nowTicks) + Duration.FromNanoseconds(extra), nowTicks,
                Instant.FromUnixTimeTicks((long)then) + Duration.FromNanoseconds(thenExtra));

    // The days the scalar kernel computes from what the store keeps: in ticks for a whole-tick "now", else from the exact instant.
    private static int KernelDays(Instant now, long nowTicks, long thenTicks, sbyte thenNanoseconds) =>
        Instant.FromUnixTimeTicks(nowTicks) == now ? FactMath.WholeDaysSince(nowTicks, thenTicks) : BulkDates.DaysSince(now, thenTicks, thenNanoseconds);

    [FsCheck.Xunit.Property(MaxTest = 5_000)]
    public Property DaysSinceLastInteraction_PerCustomerAndBulk_AgreeWithTheExactWholeDays() =>
        Prop.ForAll(Arb.From(MomentsGen()), moments =>
        {
            var (now, nowTicks, then) = moments;
            var expected = ModelDays(now, then);
            var thenTicks = BulkDates.InteractionTicks(then);
            var thenNanoseconds = BulkDates.InteractionNanoseconds(then, thenTicks);

            var fact = CustomerFacts.From(new CustomerFactsInput { LastInteractionAt = then }, now, DateTimeZone.Utc).DaysSinceLastInteraction;
            var bulk = KernelDays(now, nowTicks, thenTicks, thenNanoseconds);
            var bulkExact = BulkDates.DaysSince(now, thenTicks, thenNanoseconds);
            return (fact == expected && bulk == expected && bulkExact == expected)
                .Label($"now {now}, then {then} ({thenTicks} ticks {thenNanoseconds} ns): fact {fact}, bulk {bulk}, bulk (any now) {bulkExact}, expected {expected}");
        });

    // The per-customer fact reads instants to the nanosecond: a gap a few nanoseconds either side of a whole day.
    [FsCheck.Xunit.Property(MaxTest = 2_000)]
    public Property DaysSinceLastInteraction_NanosecondsOffAWholeDay_IsTheExactWholeDays() =>
        Prop.ForAll(
            Arb.From(from nowTicks in LongBetween(MinTicks / 2, MaxTicks / 2)
                     from days in LongBetween(-1_400_000, 1_400_000)
                     from nanoseconds in Gen.Choose(-3, 3)
                     select (Now: Instant.FromUnixTimeTicks(nowTicks), Gap: Duration.FromDays(days) + Duration.FromNanoseconds(nanoseconds))),
            moments =>
            {
                var then = moments.Now - moments.Gap;
                var fact = CustomerFacts.From(new CustomerFactsInput { LastInteractionAt = then }, moments.Now, DateTimeZone.Utc).DaysSinceLastInteraction;
                var expected = ModelDays(moments.Now, then);
                return (fact == expected).Label($"now {moments.Now}, then {then}: {fact}, expected {expected}");
            });

    // 20,000 days less a tick is 19,999 whole days; a double of its days is 20,000. The fact and both bulk paths agree.
    [Theory]
    [InlineData(-1L, 19_999)]
    [InlineData(0L, 20_000)]
    [InlineData(1L, 20_000)]
    public void DaysSinceLastInteraction_ATickOffTwentyThousandDays_IsExact(long ticks, int expected)
    {
        var now = Instant.FromUtc(2026, 12, 2, 9, 30);
        var then = now - (Duration.FromDays(20_000) + Duration.FromTicks(ticks));

        Assert.Equal(expected, CustomerFacts.From(new CustomerFactsInput { LastInteractionAt = then }, now, DateTimeZone.Utc).DaysSinceLastInteraction);
        Assert.Equal(expected, KernelDays(now, now.ToUnixTimeTicks(), then.ToUnixTimeTicks(), 0));
        Assert.Equal(expected, BulkDates.DaysSince(now, then.ToUnixTimeTicks(), 0));
        Assert.Equal(expected, KernelDays(now + Duration.FromNanoseconds(1), now.ToUnixTimeTicks(), then.ToUnixTimeTicks(), 0));
    }

    [Fact]
    public void DaysSinceLastInteraction_FutureOrNone_IsZeroOrNull()
    {
        var now = Instant.FromUtc(2026, 12, 2, 9, 30);
        Assert.Equal(0, CustomerFacts.From(new CustomerFactsInput { LastInteractionAt = now + Duration.FromDays(3) }, now, DateTimeZone.Utc).DaysSinceLastInteraction);
        Assert.Equal(0, CustomerFacts.From(new CustomerFactsInput { LastInteractionAt = now + Duration.FromTicks(1) }, now, DateTimeZone.Utc).DaysSinceLastInteraction);
        Assert.Null(CustomerFacts.From(new CustomerFactsInput(), now, DateTimeZone.Utc).DaysSinceLastInteraction);
    }
}
