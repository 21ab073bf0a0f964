using System.Globalization;
using System.Numerics;
using CrmCore.Sla;
using FsCheck;
using FsCheck.Fluent;
using static CrmCore.Testing.LongGens;
using NodaTime;

namespace CrmCore.Tests.Sla;

/// <summary>The warning point of <see cref="SlaWarningLead"/> against <see cref="WarningPointModel"/>, for targets up to the longest
/// a tick count holds.</summary>
public sealed class SlaWarningLeadTests
{

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

    // Percentages of up to 28 digits (what AtDecimalPercentUsed accepts): digits / 10^scale from 0 to 100.
    private static Gen<decimal> DecimalPercentGen() =>
        from scale in Gen.Choose(0, 28)
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from mid in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        let raw = ((BigInteger)(uint)hi << 64) | ((BigInteger)(uint)mid << 32) | (uint)lo
        let most = BigInteger.Min((BigInteger.One << 96) - 1, 100 * BigInteger.Pow(10, scale))
        let digits = raw % (most + 1)
        select new decimal((int)(uint)(digits & uint.MaxValue), (int)(uint)((digits >> 32) & uint.MaxValue), (int)(uint)(digits >> 64), false, (byte)scale);

    [FsCheck.Xunit.Property(MaxTest = 3_000)]
    public Property WarningTicks_AtADecimalPercentageOfUpTo28Digits_NeverThrowsAndEqualsTheExactPoint() =>
        Prop.ForAll(Arb.From(DecimalPercentGen()), Arb.From(TargetGen()), (percent, target) =>
        {
            var actual = SlaWarningLead.AtDecimalPercentUsed(percent).WarningTicks(target);
            var expected = WarningPointModel.Ticks((Digits(percent), BigInteger.Pow(10, percent.Scale)), target);
            return (actual == expected && actual >= 0 && actual <= target).Label($"{percent} % of {target} ticks: {actual}, expected {expected}");
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

    // (decimal)80.1 on .NET 11 and later (the double's exact value to 28 digits): its digits times long.MaxValue need 156 bits; the
    // checked Int128 product threw OverflowException out of SlaEngine. The point is exact: long.MaxValue × 80.09999999999999431565811392
    // ÷ 100 = 7,387,921,001,520,674,896.94..., so ...897.
    [Theory]
    [InlineData("80.09999999999999431565811392", long.MaxValue, 7_387_921_001_520_674_897L)]
    [InlineData("79.228162514264337593543950335", long.MaxValue, 7_307_508_186_654_514_590L)]
    [InlineData("0.0000000000000000000000000001", long.MaxValue, 0L)]
    [InlineData("80.1", long.MaxValue, 7_387_921_001_520_675_421L)]
    [InlineData("100", long.MaxValue, long.MaxValue)]
    public void WarningTicks_DecimalPercentWithUpTo28Digits_DoesNotOverflowAndIsExact(string percent, long target, long expected)
    {
        var value = decimal.Parse(percent, CultureInfo.InvariantCulture);

        Assert.Equal(expected, SlaWarningLead.AtDecimalPercentUsed(value).WarningTicks(target));
        Assert.Equal(expected, (long)WarningPointModel.Ticks((Digits(value), BigInteger.Pow(10, value.Scale)), target));
    }

    // The percentage a double stands for is the same on every runtime: 15 significant digits of the double's exact value (ties to
    // even), not what (decimal)double gives (15 digits up to .NET 10, the exact value from .NET 11).
    [Theory]
    [InlineData(80.1, "80.1")]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(33.333333333333336, "33.3333333333333")]
    [InlineData(99.99999999999999, "100")]
    [InlineData(10.00006103515625, "10.0000610351562")]     // exactly halfway at 15 digits: to even
    [InlineData(10.00018310546875, "10.0001831054688")]
    [InlineData(1e-20, "0.00000000000000000001")]
    [InlineData(1.5e-28, "0.0000000000000000000000000002")]
    [InlineData(2.5e-28, "0.0000000000000000000000000002")]   // halfway at 28 places: to even
    [InlineData(5e-29, "0")]
    [InlineData(double.Epsilon, "0")]
    [InlineData(0.0, "0")]
    public void AtPercentUsed_Double_IsTheDecimalOf15SignificantDigits_OnEveryRuntime(double percent, string expected)
    {
        var lead = SlaWarningLead.AtPercentUsed(percent);
        var pinned = decimal.Parse(expected, CultureInfo.InvariantCulture);

        Assert.Equal(pinned, lead.Percent);
        Assert.Equal(percent, lead.PercentUsed);
        var (numerator, denominator) = WarningPointModel.PercentOf(percent);
        Assert.Equal(Digits(pinned) * denominator, numerator * BigInteger.Pow(10, pinned.Scale));
    }

    // 80.1 % of long.MaxValue ticks at 80.1 exactly (...421), not at the double's exact value 80.0999999999999943... (...897).
    [Fact]
    public void WarningTicks_80Point1PercentOfTheLongestTarget_UsesExactly80Point1()
    {
        Assert.Equal(7_387_921_001_520_675_421L, SlaWarningLead.AtPercentUsed(80.1).WarningTicks(long.MaxValue));
        Assert.Equal(SlaWarningLead.AtDecimalPercentUsed(80.1m), SlaWarningLead.AtPercentUsed(80.1));
    }

    [Theory]
    [InlineData("-0.0000000000000000000000000001")]
    [InlineData("100.00000000000000000000000001")]
    [InlineData("-1")]
    public void AtDecimalPercentUsed_OutsideZeroToHundred_IsRefused(string percent)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SlaWarningLead.AtDecimalPercentUsed(decimal.Parse(percent, CultureInfo.InvariantCulture)));

        Assert.Equal("percent", e.ParamName);
        Assert.StartsWith("The percentage must be between 0 and 100.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("100", 100.0)]
    [InlineData("80.1", 80.1)]
    [InlineData("62.50", 62.5)]
    [InlineData("33.333333333333333333333333333", 33.333333333333336)]
    public void AtDecimalPercentUsed_KeepsEveryDigitAndReportsTheNearestDouble(string percent, double nearest)
    {
        var value = decimal.Parse(percent, CultureInfo.InvariantCulture);
        var lead = SlaWarningLead.AtDecimalPercentUsed(value);

        Assert.Equal(value, lead.Percent);
        Assert.Equal(nearest, lead.PercentUsed);
        Assert.Equal(Duration.Zero, lead.Before);
    }

    // The decimal's value times 10^Scale, from its 96-bit integer.
    private static BigInteger Digits(decimal value)
    {
        var bits = decimal.GetBits(value);
        return ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
    }
}
