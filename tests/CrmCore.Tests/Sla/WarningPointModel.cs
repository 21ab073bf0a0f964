using System.Numerics;
using CrmCore.Sla;

namespace CrmCore.Tests.Sla;

/// <summary>
/// The documented warning point of an <see cref="SlaWarningLead"/> in unbounded integers: at a percentage, the target's ticks × the
/// percentage ÷ 100, the percentage taken as the decimal <c>(decimal)percent</c> (at most 15 significant digits), rounded half away
/// from zero; before due, the target less the lead, at least 0.
/// </summary>
internal static class WarningPointModel
{
    public static BigInteger Ticks(SlaWarningLead lead, BigInteger targetTicks)
    {
        if (lead.PercentUsed is not { } p)
        {
            return BigInteger.Max(0, targetTicks - lead.Before.BclCompatibleTicks);
        }

        var percent = (decimal)p;
        var numerator = targetTicks * DecimalNumerator(percent);
        var denominator = 100 * BigInteger.Pow(10, percent.Scale);
        var quotient = BigInteger.DivRem(BigInteger.Abs(numerator), denominator, out var remainder);
        if (2 * remainder >= denominator)
        {
            quotient += 1;
        }

        return numerator.Sign < 0 ? -quotient : quotient;
    }

    // The decimal's value times 10^Scale, from its 96-bit integer.
    private static BigInteger DecimalNumerator(decimal value)
    {
        var bits = decimal.GetBits(value);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return value < 0 ? -magnitude : magnitude;
    }
}
