using NodaTime;

namespace CrmCore.Churn;

/// <summary>
/// Settings for churn-risk scoring. Defaults: medium from 40, high from 70, and a supervisor follow-up due 24 h after a customer
/// enters the high band (document 003). Validate with <see cref="Validate"/> (done at start when registered through
/// <c>AddCrmMetrics</c>). Not thread-safe while being changed; treat as read-only after setup.
/// </summary>
public sealed class ChurnOptions
{
    /// <summary>The lowest score in the medium band. Default 40; range 1 to <see cref="HighThreshold"/> − 1.</summary>
    public int MediumThreshold { get; set; } = 40;

    /// <summary>The lowest score in the high band. Default 70; range <see cref="MediumThreshold"/> + 1 to 100.</summary>
    public int HighThreshold { get; set; } = 70;

    /// <summary>
    /// How long after entering the high band the supervisor's call is due: business time when the <see cref="ChurnScorer"/> was
    /// given a business calendar, else wall-clock time. Default 24 hours; must be positive.
    /// </summary>
    public Duration FollowUpWithin { get; set; } = Duration.FromHours(24);

    /// <summary>The band of a score under these thresholds.</summary>
    /// <param name="score">A score from 0 to 100.</param>
    /// <returns>The band; monotone in the score.</returns>
    public ChurnBand BandOf(int score) => score >= HighThreshold ? ChurnBand.High : score >= MediumThreshold ? ChurnBand.Medium : ChurnBand.Low;

    /// <summary>Checks every setting and lists all problems.</summary>
    /// <returns>The problems, in English; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MediumThreshold < 1 || MediumThreshold >= HighThreshold)
        {
            problems.Add($"Churn: MediumThreshold must be at least 1 and below HighThreshold ({HighThreshold}), was {MediumThreshold}.");
        }

        if (HighThreshold > 100)
        {
            problems.Add($"Churn: HighThreshold must be at most 100, was {HighThreshold}.");
        }

        if (FollowUpWithin <= Duration.Zero)
        {
            problems.Add($"Churn: FollowUpWithin must be positive, was {FollowUpWithin}.");
        }

        return problems;
    }
}
