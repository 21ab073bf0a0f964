using NodaTime;

namespace CrmCore.Routing;

/// <summary>
/// Shapes the time-dependent part of a ticket's priority (see <see cref="SlaTerm"/>). Only non-negative slopes are allowed, so
/// every setting yields a non-decreasing function of time; <see cref="Validate"/> rejects anything else.
/// </summary>
public sealed class SlaTermOptions
{
    /// <summary>The most any duration setting may be: 366 days.</summary>
    public static readonly Duration MaxDuration = Duration.FromDays(366);

    /// <summary>The most <see cref="PointsAtDue"/> or <see cref="OverduePointsPerHour"/> may be: 1,000,000,000.</summary>
    public const long MaxPoints = 1_000_000_000;

    /// <summary>
    /// How long before the due time the term starts to rise from 0. Default 8 hours; must be positive and at most 366 days. The term
    /// counts it in whole seconds, rounded down exactly from its nanoseconds (a horizon under a second counts as one second).
    /// </summary>
    public Duration Horizon { get; set; } = Duration.FromHours(8);

    /// <summary>The term at the due time; it rises linearly from 0 to this over the horizon. Default 100; 0 to <see cref="MaxPoints"/>.</summary>
    public long PointsAtDue { get; set; } = 100;

    /// <summary>How much the term rises per hour past the due time. Default 50; 0 to <see cref="MaxPoints"/>.</summary>
    public long OverduePointsPerHour { get; set; } = 50;

    /// <summary>
    /// How long past the due time the term keeps rising; after that it stays flat. Default 48 hours; 0 to 366 days. The term counts
    /// it in whole seconds, rounded down exactly from its nanoseconds.
    /// </summary>
    public Duration OverdueCap { get; set; } = Duration.FromHours(48);

    /// <summary>Lists every problem with these settings; empty when they are valid.</summary>
    /// <returns>English messages, one per problem.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Horizon <= Duration.Zero || Horizon > MaxDuration)
        {
            problems.Add($"SlaTerm.Horizon must be positive and at most 366 days (was {Horizon}).");
        }

        if (PointsAtDue is < 0 or > MaxPoints)
        {
            problems.Add($"SlaTerm.PointsAtDue must be between 0 and {MaxPoints} (was {PointsAtDue}).");
        }

        if (OverduePointsPerHour is < 0 or > MaxPoints)
        {
            problems.Add($"SlaTerm.OverduePointsPerHour must be between 0 and {MaxPoints} (was {OverduePointsPerHour}).");
        }

        if (OverdueCap < Duration.Zero || OverdueCap > MaxDuration)
        {
            problems.Add($"SlaTerm.OverdueCap must be between 0 and 366 days (was {OverdueCap}).");
        }

        return problems;
    }
}
