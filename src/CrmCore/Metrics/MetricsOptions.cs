using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// Settings for KPI computation and the monthly report. Validate with <see cref="Validate"/> (done at start when registered
/// through <c>AddCrmMetrics</c>). Not thread-safe while being changed; treat as read-only after setup.
/// </summary>
public sealed class MetricsOptions
{
    /// <summary>The time zone whose calendar months are the KPI periods. Default <c>Asia/Shanghai</c>.</summary>
    public DateTimeZone TimeZone { get; set; } = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>
    /// The first-response target used to judge tickets whose <see cref="ServiceRecord.FirstResponseWithinTarget"/> is null.
    /// Default 2 hours (document 003, phone); must be positive.
    /// </summary>
    public Duration FirstResponseTarget { get; set; } = Duration.FromHours(2);

    /// <summary>The monthly targets. Default document 001's (<see cref="ReportTargets.Document001"/>); replace them with
    /// <see cref="ReportTargetsJson.Parse"/> or <see cref="ReportTargets.Document003"/>. Must not be null.</summary>
    public ReportTargets Targets { get; set; } = new();

    /// <summary>How many slices the report names as the reasons for each missed target. Default 3; range 1–10.</summary>
    public int MaxReasonsPerMiss { get; set; } = 3;

    /// <summary>How many asset models the report lists, worst failure rate first. Default 10; range 0–100.</summary>
    public int MaxWorstAssetModels { get; set; } = 10;

    /// <summary>How many high-churn-risk customers the report lists. Default 10; range 0–100.</summary>
    public int MaxHighRiskCustomers { get; set; } = 10;

    /// <summary>Checks every setting and lists all problems.</summary>
    /// <returns>The problems, in English; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (TimeZone is null)
        {
            problems.Add("Metrics: TimeZone must be set.");
        }

        if (FirstResponseTarget <= Duration.Zero)
        {
            problems.Add($"Metrics: FirstResponseTarget must be positive, was {FirstResponseTarget}.");
        }

        if (MaxReasonsPerMiss is < 1 or > 10)
        {
            problems.Add($"Metrics: MaxReasonsPerMiss must be from 1 to 10, was {MaxReasonsPerMiss}.");
        }

        if (MaxWorstAssetModels is < 0 or > 100)
        {
            problems.Add($"Metrics: MaxWorstAssetModels must be from 0 to 100, was {MaxWorstAssetModels}.");
        }

        if (MaxHighRiskCustomers is < 0 or > 100)
        {
            problems.Add($"Metrics: MaxHighRiskCustomers must be from 0 to 100, was {MaxHighRiskCustomers}.");
        }

        if (Targets is null)
        {
            problems.Add("Metrics: Targets must be set.");
        }
        else
        {
            problems.AddRange(Targets.Validate());
        }
        return problems;
    }
}
