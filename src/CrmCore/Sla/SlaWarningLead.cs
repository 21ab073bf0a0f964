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

    /// <summary>Warn after a share of the target is used.</summary>
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

    /// <summary>The business ticks of the target after which the warning is due.</summary>
    internal long WarningTicks(long targetTicks) => PercentUsed is { } p
        ? (long)Math.Round(targetTicks * p / 100.0, MidpointRounding.AwayFromZero)
        : Math.Max(0, targetTicks - Before.BclCompatibleTicks);
}
