using CrmCore.Agents;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// The stored form of a <see cref="ContactPlanEntry"/>: every field, the reminder marks and a version for optimistic concurrency.
/// Made by <see cref="ContactPlanEntry.ToState(long)"/> and turned back by <see cref="ContactPlanEntry.Restore(ContactPlanEntryState)"/>;
/// stores keep it as it is. Immutable.
/// </summary>
public sealed record ContactPlanEntryState
{
    /// <summary>The id.</summary>
    public required PlanEntryId Id { get; init; }

    /// <summary>The version: 1 when first saved, one more on every save.</summary>
    public required long Version { get; init; }

    /// <summary>The customer.</summary>
    public required CustomerId Customer { get; init; }

    /// <summary>Why the entry exists.</summary>
    public required PlanKind Kind { get; init; }

    /// <summary>How the contact is made.</summary>
    public required ContactChannel Channel { get; init; }

    /// <summary>The account manager; null when none.</summary>
    public AgentId? Owner { get; init; }

    /// <summary>The due date.</summary>
    public required LocalDate DueOn { get; init; }

    /// <summary>When the entry becomes due.</summary>
    public required Instant PlannedAt { get; init; }

    /// <summary>When the entry becomes overdue.</summary>
    public required Instant DueBy { get; init; }

    /// <summary>What the contact is for.</summary>
    public required string Purpose { get; init; }

    /// <summary>The occasion (birthday, holiday, contract end); null for regular contact.</summary>
    public LocalDate? Occasion { get; init; }

    /// <summary>The status.</summary>
    public PlanStatus Status { get; init; }

    /// <summary>When the contact was started; null before.</summary>
    public Instant? StartedAt { get; init; }

    /// <summary>The actual time of the contact; null before completion.</summary>
    public Instant? ActualAt { get; init; }

    /// <summary>The customer's feedback; null before completion.</summary>
    public string? Feedback { get; init; }

    /// <summary>The next action; null when none.</summary>
    public string? NextAction { get; init; }

    /// <summary>Why the entry was cancelled; null unless cancelled.</summary>
    public string? CancelReason { get; init; }

    /// <summary>True once the "due" reminder was raised.</summary>
    public bool DueRaised { get; init; }

    /// <summary>True once the "overdue" reminder was raised.</summary>
    public bool OverdueRaised { get; init; }

    /// <summary>True when the entry was cancelled only because the customer asked not to be contacted (planning may replace it).</summary>
    public bool SuspendedByOptOut { get; init; }
}
