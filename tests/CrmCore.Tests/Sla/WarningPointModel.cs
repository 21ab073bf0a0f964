using System.Numerics;
using CrmCore.Sla;

namespace CrmCore.Tests.Sla;

/// <summary>
/// The documented warning point of an <see cref="SlaWarningLead"/> in unbounded integers, with no decimal conversion, formatting or
/// parsing of the runtime: at a percentage p/q, the target's ticks × p ÷ (100 q), rounded half away from zero; before due, the target
/// less the lead, at least 0. A percentage given as a double is the double's exact binary value rounded to 15 significant digits
/// (ties to even) and then to 28 decimal places (ties to even).
/// </summary>
internal static class WarningPointModel
{
    /// <summary>The warning point of a lead made from a double (<see cref="SlaWarningLead.AtPercentUsed(double)"/>), the default
    /// or a lead before due.</summary>
    public static BigInteger Ticks(SlaWarningLead lead, BigInteger targetTicks) => lead.PercentUsed is { } p
        ? Ticks(PercentOf(p), targetTicks)
        : BigInteger.Max(0, targetTicks - lead.Before.BclCompatibleTicks);

    /// <summary>The warning point at the percentage <paramref name="percent"/> = numerator / denominator.</summary>
    public static BigInteger Ticks((BigInteger Numerator, BigInteger Denominator) percent, BigInteger targetTicks)
    {
        var numerator = targetTicks * percent.Numerator;
        var denominator = 100 * percent.Denominator;
        var quotient = BigInteger.DivRem(BigInteger.Abs(numerator), denominator, out var remainder);
        if (2 * remainder >= denominator)
        {
            quotient += 1;
        }

        return numerator.Sign < 0 ? -quotient : quotient;
    }

    /// <summary>A double from 0 to 100 as the percentage the lead uses: its exact value from its bits, rounded to 15 significant
    /// digits and then to 28 decimal places, both ties to even.</summary>
    public static (BigInteger Numerator, BigInteger Denominator) PercentOf(double percent)
    {
        if (percent == 0)
        {
            return (0, 1);
        }

        // percent = mantissa × 2^exponent exactly.
        var bits = BitConverter.DoubleToInt64Bits(percent);
        var biased = (int)((bits >> 52) & 0x7FF);
        var mantissa = (BigInteger)(bits & 0xF_FFFF_FFFF_FFFF);
        if (biased == 0)
        {
            biased = 1;
        }
        else
        {
            mantissa += BigInteger.One << 52;
        }

        var exponent = biased - 1075;
        var (num, den) = exponent >= 0 ? (mantissa << exponent, BigInteger.One) : (mantissa, BigInteger.One << -exponent);

        // The power of ten of the leading digit: 10^lead <= percent < 10^(lead + 1).
        var lead = 2;
        while (lead >= 0 ? num < den * BigInteger.Pow(10, lead) : num * BigInteger.Pow(10, -lead) < den)
        {
            lead--;
        }

        // 15 significant digits: keep 14 - lead decimal places; then at most 28.
        var places = 14 - lead;
        var (digits, scale) = RoundToPlaces(num, den, places);
        if (scale > 28)
        {
            (digits, scale) = RoundToPlaces(digits, BigInteger.Pow(10, scale), 28);
        }

        return (digits, BigInteger.Pow(10, scale));
    }

    // num/den rounded to `places` decimal places, ties to even, as (digits, places) meaning digits / 10^places.
    private static (BigInteger Digits, int Places) RoundToPlaces(BigInteger num, BigInteger den, int places)
    {
        var scaledNum = places >= 0 ? num * BigInteger.Pow(10, places) : num;
        var scaledDen = places >= 0 ? den : den * BigInteger.Pow(10, -places);
        var quotient = BigInteger.DivRem(scaledNum, scaledDen, out var remainder);
        var twice = 2 * remainder;
        if (twice > scaledDen || (twice == scaledDen && !quotient.IsEven))
        {
            quotient += 1;
        }

        return places >= 0 ? (quotient, places) : (quotient * BigInteger.Pow(10, -places), 0);
    }
}
