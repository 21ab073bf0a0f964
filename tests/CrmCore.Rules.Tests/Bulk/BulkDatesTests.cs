using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using CrmCore.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Rules.Tests.Bulk;

/// <summary>
/// The bulk kernels' date arithmetic gives exactly the values of <see cref="Facts.CustomerFacts"/> (the days since the last interaction:
/// <see cref="CustomerFactsDaysSinceTests"/>).
/// </summary>
public class BulkDatesTests
{
    [Property(MaxTest = 500)]
    public Property DayNumber_AnyIsoDate_SameAsPeriodDaysBetween() => Prop.ForAll(
        Gen.Choose(-3_600_000, 2_900_000).ToArbitrary(),
        days =>
        {
            var epoch = new LocalDate(1970, 1, 1);
            var date = epoch.PlusDays(days);
            Assert.Equal(Period.DaysBetween(epoch, date), BulkDates.DayNumber(date));
        });

    // The store keeps a last interaction as a tick and the nanoseconds from it: together they are the exact instant, and the days
    // since it for a "now" between ticks are the per-customer fact's; the tick alone still gives them for a whole-tick "now".
    [Property(MaxTest = 2_000)]
    public Property DaysSince_TickAndNanoseconds_AsTheExactInstant() => Prop.ForAll(
        (from nowTicks in LongGens.LongBetween(Instant.MinValue.ToUnixTimeTicks() + Margin, Instant.MaxValue.ToUnixTimeTicks() - Margin)
         from nowNanoseconds in Gen.Choose(0, 99)
         from days in Gen.Choose(0, 3)
         from offset in Gen.Choose(-300, 300)
         select (nowTicks, nowNanoseconds, days, offset)).ToArbitrary(),
        c =>
        {
            var wholeNow = Instant.FromUnixTimeTicks(c.nowTicks);
            var now = wholeNow + Duration.FromNanoseconds(c.nowNanoseconds);
            var then = now - Duration.FromDays(c.days) + Duration.FromNanoseconds(c.offset);
            var ticks = BulkDates.InteractionTicks(then);
            var nanoseconds = BulkDates.InteractionNanoseconds(then, ticks);

            Assert.Equal(then, BulkDates.Interaction(ticks, nanoseconds));
            Assert.InRange(nanoseconds, -99, 0);
            Assert.Equal(FactMath.WholeDaysSince(now, then), BulkDates.DaysSince(now, ticks, nanoseconds));
            Assert.Equal(FactMath.WholeDaysSince(wholeNow, then), FactMath.WholeDaysSince(c.nowTicks, ticks));
        });

    // In the last tick of time the tick cannot be rounded up: the nanoseconds count forward from it.
    [Fact]
    public void InteractionNanoseconds_LastTickOfTime_CountForward()
    {
        for (var n = 0; n < 100; n++)
        {
            var at = Instant.MaxValue - Duration.FromNanoseconds(n);
            var ticks = BulkDates.InteractionTicks(at);
            Assert.Equal(Instant.MaxValue.ToUnixTimeTicks(), ticks);
            Assert.Equal(99 - n, BulkDates.InteractionNanoseconds(at, ticks));
            Assert.Equal(at, BulkDates.Interaction(ticks, BulkDates.InteractionNanoseconds(at, ticks)));
        }
    }

    private const long Margin = 10 * NodaConstants.TicksPerDay;
}
