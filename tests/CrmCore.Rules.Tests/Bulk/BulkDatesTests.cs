using CrmCore.Rules.Bulk;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Rules.Tests.Bulk;

/// <summary>The bulk kernels' date arithmetic gives exactly the values of <see cref="Facts.CustomerFacts"/>.</summary>
public class BulkDatesTests
{
    private static readonly long MaxTicks = Instant.FromUtc(9000, 1, 1, 0, 0).ToUnixTimeTicks();

    [Property(MaxTest = 2000)]
    public Property DaysSince_FastPath_SameAsNodaTime() => Prop.ForAll(
        Gen.Choose(-3_000_000, 3_000_000).Zip(Gen.Choose(-2000, 2000)).Zip(Gen.Choose(0, 99)).ToArbitrary(),
        Gen.Choose(0, 400_000).Zip(Gen.Choose(-1500, 1500)).ToArbitrary(),
        (nowParts, gapParts) =>
        {
            // "now" anywhere in NodaTime's range, sometimes off the tick; the gap near whole days, where rounding could bite.
            var ((nowDays, nowTickOffset), extraNanos) = nowParts;
            var nowTicks = Math.Clamp(((long)nowDays * NodaConstants.TicksPerDay) + nowTickOffset, -MaxTicks, MaxTicks);
            var now = Instant.FromUnixTimeTicks(nowTicks) + Duration.FromNanoseconds(extraNanos);
            var thenTicks = nowTicks - (((long)gapParts.Item1 * NodaConstants.TicksPerDay) + gapParts.Item2);
            thenTicks = Math.Clamp(thenTicks, -MaxTicks, MaxTicks);
            var expected = Math.Max(0, (int)Math.Floor((now - Instant.FromUnixTimeTicks(thenTicks)).TotalDays));
            Assert.Equal(expected, BulkDates.DaysSince(now, now.ToUnixTimeTicks(), Instant.FromUnixTimeTicks(now.ToUnixTimeTicks()) == now, thenTicks));
        });

    [Property(MaxTest = 500)]
    public Property DayNumber_AnyIsoDate_SameAsPeriodDaysBetween() => Prop.ForAll(
        Gen.Choose(-3_600_000, 2_900_000).ToArbitrary(),
        days =>
        {
            var epoch = new LocalDate(1970, 1, 1);
            var date = epoch.PlusDays(days);
            Assert.Equal(Period.DaysBetween(epoch, date), BulkDates.DayNumber(date));
        });
}
