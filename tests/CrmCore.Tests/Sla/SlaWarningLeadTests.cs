using System.Numerics;
using CrmCore.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmCore.Tests.Sla;

/// <summary>The warning point of <see cref="SlaWarningLead"/> against <see cref="WarningPointModel"/>, for targets up to the longest
/// a tick count holds.</summary>
public sealed class SlaWarningLeadTests
{
    private static Gen<long> AnyLong() =>
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        select ((long)hi << 32) | (uint)lo;

    private static Gen<long> LongBetween(long low, long high) =>
        AnyLong().Select(x => low + (long)((ulong)x % (ulong)(high - low + 1)));

    // Target ticks: short (where a double is exact), up to a few years, or anywhere in the long range.
    private static Gen<long> TargetGen() => Gen.Frequency(
        (1, LongBetween(0, 1_000_000)),
        (3, LongBetween(0, 5 * 366 * NodaConstants.TicksPerDay)),
        (2, LongBetween(0, long.MaxValue)),
        (1, Gen.Elements(0L, 1L, 2L, 10L, long.MaxValue - 1, long.MaxValue)));

    // Percentages as configured (whole, one or two decimals), any double from 0 to 100, and the ends.
    private static Gen<double> PercentGen() => Gen.Frequency(
        (2, Gen.Choose(0, 100).Select(i => (double)i)),
        (2, Gen.Choose(0, 1000).Select(i => i / 10.0)),
        (2, Gen.Choose(0, 10_000).Select(i => i / 100.0)),
        (2, AnyLong().Select(x => (x & long.MaxValue) / (double)long.MaxValue * 100)),
        (1, Gen.Elements(0, 1e-20, 1e-9, 0.1 + 0.2, 33.333333333333336, 66.7, 99.99999999999999, 100)));

    [FsCheck.Xunit.Property(MaxTest = 5_000)]
    public Property WarningTicks_AtAPercentage_EqualsTheExactPointRoundedHalfAwayFromZero() =>
        Prop.ForAll(Arb.From(PercentGen()), Arb.From(TargetGen()), (percent, target) =>
        {
            var lead = SlaWarningLead.AtPercentUsed(percent);
            var actual = lead.WarningTicks(target);
            var expected = WarningPointModel.Ticks(lead, target);
            return (actual == expected && actual >= 0 && actual <= target)
                .Label($"{percent:R} % of {target} ticks: {actual}, expected {expected}");
        });

    [FsCheck.Xunit.Property(MaxTest = 1_000)]
    public Property WarningTicks_BeforeDue_IsTheTargetLessTheLeadAtLeastZero() =>
        Prop.ForAll(Arb.From(LongBetween(1, long.MaxValue)), Arb.From(TargetGen()), (lead, target) =>
        {
            var warning = SlaWarningLead.BeforeDue(Duration.FromTicks(lead));
            return (warning.WarningTicks(target) == WarningPointModel.Ticks(warning, target)).Label($"{lead} before {target}");
        });

    // 90 % of 232 days and 12,345 ticks is 180,403,200,011,110.5 ticks, so ...111 (half away from zero); 80 % of 1,629 days and 13
    // ticks is 1,125,964,800,000,010.4, so ...010. In doubles (from about 104 days, 2^53 / 100 ticks, the product is no longer exact)
    // they came out one tick low and one tick high.
    [Theory]
    [InlineData(90, 232L * 864_000_000_000 + 12_345, 180_403_200_011_111L)]
    [InlineData(80, 1_629L * 864_000_000_000 + 13, 1_125_964_800_000_010L)]
    [InlineData(80, long.MaxValue, 7_378_697_629_483_820_646L)]
    [InlineData(0.3, 500L, 2L)]
    [InlineData(0.1 + 0.2, 500L, 2L)]
    [InlineData(100, long.MaxValue, long.MaxValue)]
    [InlineData(1e-20, long.MaxValue, 0L)]
    public void WarningTicks_LongTargetsAndDecimalPercentages_AreExact(double percent, long target, long expected)
    {
        Assert.Equal(expected, SlaWarningLead.AtPercentUsed(percent).WarningTicks(target));
        Assert.Equal(expected, (long)WarningPointModel.Ticks(SlaWarningLead.AtPercentUsed(percent), target));
    }
}
