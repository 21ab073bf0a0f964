using NodaTime;

namespace CrmCore.Assets;

/// <summary>Failure statistics of one model over the analysed period. Immutable.</summary>
/// <param name="Model">The model.</param>
/// <param name="Installed">Assets of the model installed by the end of the period.</param>
/// <param name="Tickets">Tickets linked to those assets in the period.</param>
/// <param name="Failures">Of those, the failures.</param>
/// <param name="OperatingTime">The assets' total time in service within the period.</param>
public sealed record ModelFailureStats(string Model, int Installed, int Tickets, int Failures, Duration OperatingTime)
{
    /// <summary>Failures per 100 installed assets in the period; 0 when none is installed.</summary>
    public double FailuresPer100Installed => Installed == 0 ? 0 : Failures * 100.0 / Installed;

    /// <summary>Mean time between failures: <see cref="OperatingTime"/> ÷ <see cref="Failures"/>; null when there was no failure.</summary>
    public Duration? MeanTimeBetweenFailures => Failures == 0 ? null : OperatingTime / Failures;
}
