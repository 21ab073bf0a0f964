using System.Globalization;
using System.Numerics;
using NodaTime;

namespace CrmCore.Sla;

/// <summary>
/// When an SLA clock warns before it is due: after a percentage of the target is used, or a business duration before due.
/// The default value warns at 80 % used. Immutable and thread-safe.
/// </summary>
public readonly record struct SlaWarningLead
{
    // The percentage the warning point is computed from; null for a lead before due and for the default (80).
    private readonly decimal? _percent;

    // The percentage as given to AtPercentUsed (or the double nearest the decimal given); read only when _percent has a value.
    private readonly double _percentUsed;

    private SlaWarningLead(decimal? percent, double percentUsed, Duration before)
    {
        _percent = percent;
        _percentUsed = percentUsed;
        Before = before;
    }

    /// <summary>The share of the target used when the warning is due, 0–100, as given to <see cref="AtPercentUsed"/>; null when
    /// <see cref="Before"/> applies. Default 80.</summary>
    public double? PercentUsed => _percent is not null ? _percentUsed : Before == Duration.Zero ? 80 : null;

    /// <summary>The business time before due when the warning is due; zero when <see cref="PercentUsed"/> applies.</summary>
    public Duration Before { get; }

    // The percentage as the warning point uses it.
    internal decimal? Percent => _percent ?? (Before == Duration.Zero ? 80m : null);

    /// <summary>Warn after a share of the target is used: the warning is due once the target's business ticks × the percentage ÷ 100
    /// have passed, computed exactly and rounded half away from zero to a whole tick. The percentage is the decimal of
    /// <paramref name="percent"/> rounded to 15 significant digits (ties to even), at most 28 decimal places, on every runtime: 80.1
    /// is exactly 80.1 and 0.1 + 0.2 is 0.3.</summary>
    /// <param name="percent">0 to 100.</param>
    /// <returns>The lead.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is outside 0–100 or not a number.</exception>
    public static SlaWarningLead AtPercentUsed(double percent)
    {
        if (!(percent >= 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentage must be between 0 and 100.");
        }

        // Not (decimal)percent: that cast kept 15 significant digits up to .NET 10 and keeps the double's exact value (28 digits,
        // 80.1 as 80.09999999999999431565811392) from .NET 11. Formatting to 15 digits is correctly rounded from the exact value on
        // every .NET since Core 3.0, and the parse rounds past 28 decimal places (ties to even).
        var exact = decimal.Parse(percent.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return new SlaWarningLead(exact, percent, Duration.Zero);
    }

    // A percentage of up to 28 digits, each digit kept (for tests and internal callers; a public overload beside the double one
    // would make AtPercentUsed(80) ambiguous). PercentUsed reports the nearest double: parsing is correctly rounded on every .NET
    // since Core 3.0, where (double)decimal changed in .NET 11.
    internal static SlaWarningLead AtDecimalPercentUsed(decimal percent)
    {
        if (percent < 0 || percent > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentage must be between 0 and 100.");
        }

        var nearest = double.Parse(percent.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return new SlaWarningLead(percent, nearest, Duration.Zero);
    }

    /// <summary>Warn a business duration before due (at the start when the target is shorter).</summary>
    /// <param name="lead">A positive business duration.</param>
    /// <returns>The lead.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The lead is not positive.</exception>
    public static SlaWarningLead BeforeDue(Duration lead)
    {
        if (lead <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lead), lead, "The lead must be positive.");
        }

        return new SlaWarningLead(null, 0, lead);
    }

    /// <summary>
    /// The business ticks of the target after which the warning is due. At a percentage: the target's ticks × the percentage ÷ 100,
    /// computed exactly and rounded half away from zero, with the percentage as described at <see cref="AtPercentUsed"/>. Before due:
    /// the target less the lead, at least 0. Never throws: a percentage of up to 28 digits times any tick count is computed without
    /// overflow.
    /// </summary>
    internal long WarningTicks(long targetTicks)
    {
        if (Percent is not { } percent)
        {
            return Math.Max(0, targetTicks - Before.BclCompatibleTicks);
        }

        // percent = digits / 10^scale exactly, digits < 2^96, scale <= 28, so the denominator 100 * 10^scale < 2^100.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(percent, bits);
        Int128 denominator = 100;
        for (var i = 0; i < percent.Scale; i++)
        {
            denominator *= 10;
        }

        Int128 quotient, remainder;
        var negative = targetTicks < 0;
        if (bits[2] == 0)
        {
            // Up to 19 digits (< 2^64): |ticks| × digits < 2^63 × 2^64 = 2^127 fits an Int128.
            var digits = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
            (quotient, remainder) = Int128.DivRem(Int128.Abs(targetTicks) * digits, denominator);
        }
        else
        {
            // More digits: the product needs up to 159 bits.
            var digits = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
            var q = BigInteger.DivRem(BigInteger.Abs(targetTicks) * digits, (BigInteger)denominator, out var r);
            (quotient, remainder) = ((Int128)q, (Int128)r);
        }

        if (2 * remainder >= denominator)
        {
            quotient++;
        }

        // percent <= 100, so |result| <= |ticks| and fits a long.
        return (long)(negative ? -quotient : quotient);
    }
}
