using NodaTime;

namespace CrmCore.Sla;

/// <summary>
/// When an SLA clock warns before it is due: after a percentage of the target is used, or a business duration before due.
/// The default value warns at 80 % used. Immutable and thread-safe.
/// </summary>
public readonly record struct SlaWarningLead
{
    private readonly double? _percent;

    private SlaWarningLead(double? percent, Duration before)
    {
        _percent = percent;
        Before = before;
    }

    /// <summary>The share of the target used when the warning is due, 0–100; null when <see cref="Before"/> applies. Default 80.</summary>
    public double? PercentUsed => _percent ?? (Before == Duration.Zero ? 80 : null);

    /// <summary>The business time before due when the warning is due; zero when <see cref="PercentUsed"/> applies.</summary>
    public Duration Before { get; }

    /// <summary>Warn after a share of the target is used: the warning is due once the target's business ticks × <paramref name="percent"/>
    /// ÷ 100 have passed, computed exactly and rounded half away from zero to a whole tick, with the percentage read as the decimal
    /// <c>(decimal)percent</c> (15 significant digits, so 80.1 is exactly 80.1).</summary>
    /// <param name="percent">0 to 100.</param>
    /// <returns>The lead.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is outside 0–100 or not a number.</exception>
    public static SlaWarningLead AtPercentUsed(double percent)
    {
        if (!(percent >= 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentage must be between 0 and 100.");
        }

        return new SlaWarningLead(percent, Duration.Zero);
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

        return new SlaWarningLead(null, lead);
    }

    /// <summary>
    /// The business ticks of the target after which the warning is due. At a percentage: the target's ticks × the percentage ÷ 100,
    /// computed exactly and rounded half away from zero, with the percentage taken as the decimal <c>(decimal)percent</c> (rounded to
    /// 15 significant digits, so 80.1 counts as exactly 80.1 and 0.1 + 0.2 as 0.3). Before due: the target less the lead, at least 0.
    /// In doubles the product was not exact from about 104 days (2^53 / 100 ticks) and the point came out a tick off.
    /// </summary>
    internal long WarningTicks(long targetTicks)
    {
        if (PercentUsed is not { } p)
        {
            return Math.Max(0, targetTicks - Before.BclCompatibleTicks);
        }

        // percent = digits / 10^scale exactly, with at most 15 digits (< 2^50); the product with a long stays below 2^113.
        var percent = (decimal)p;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(percent, bits);
        var digits = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        Int128 denominator = 100;
        for (var i = 0; i < percent.Scale; i++)
        {
            denominator *= 10;
        }

        var numerator = checked(targetTicks * digits);
        var (quotient, remainder) = Int128.DivRem(Int128.Abs(numerator), denominator);
        if (2 * remainder >= denominator)
        {
            quotient++;
        }

        return (long)(numerator < 0 ? -quotient : quotient);
    }
}
