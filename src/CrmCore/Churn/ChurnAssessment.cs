using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Churn;

/// <summary>
/// The result of scoring one customer's churn risk: the score, its band, the factors behind every point, and the trend since the
/// previous evaluation. Immutable.
/// </summary>
public sealed record ChurnAssessment
{
    /// <summary>The customer.</summary>
    public required CustomerId Customer { get; init; }

    /// <summary>When the evaluation was made.</summary>
    public required Instant EvaluatedAt { get; init; }

    /// <summary>The score, 0–100: the sum of the factor points, rounded to the nearest integer (halves away from zero) and clamped.</summary>
    public required int Score { get; init; }

    /// <summary>The band of <see cref="Score"/>.</summary>
    public required ChurnBand Band { get; init; }

    /// <summary>The factors that made the score, largest absolute weight first; factors with zero points are left out.</summary>
    public required IReadOnlyList<ChurnFactor> Factors { get; init; }

    /// <summary>The previous evaluation's score, or null when this is the first evaluation.</summary>
    public int? PreviousScore { get; init; }

    /// <summary>The previous evaluation's band, or null when this is the first evaluation.</summary>
    public ChurnBand? PreviousBand { get; init; }

    /// <summary>The change since the previous evaluation (positive: riskier), or null when this is the first evaluation.</summary>
    public int? Trend => PreviousScore is { } previous ? Score - previous : null;

    /// <summary>
    /// When the supervisor's call is due if the customer entered the high band with this evaluation; null otherwise. It is the
    /// evaluation time + <see cref="ChurnOptions.FollowUpWithin"/> of business time when the scorer has a business calendar (so
    /// always an open instant), else of wall-clock time.
    /// </summary>
    public Instant? FollowUpDue { get; init; }

    /// <summary>
    /// True when <see cref="ChurnScorer.Evaluate(CustomerId, IReadOnlyList{ChurnFactor}, Instant)"/> found a newer evaluation of
    /// the customer already in the history: this one was not stored, raised no event, and its previous score and band are those
    /// of that newer evaluation. Default false.
    /// </summary>
    public bool IsOutOfDate { get; init; }

    /// <summary>
    /// True when the customer entered the high band with this evaluation (it was not high before, or was never evaluated); never
    /// true for an <see cref="IsOutOfDate"/> evaluation.
    /// </summary>
    public bool EnteredHighBand => !IsOutOfDate && Band == ChurnBand.High && PreviousBand != ChurnBand.High;
}
