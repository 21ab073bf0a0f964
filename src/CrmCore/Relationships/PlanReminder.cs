namespace CrmCore.Relationships;

/// <summary>An open plan entry that needs attention now: due (its planned time has come) or overdue (its due time has passed). Immutable.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="IsOverdue">True when the entry is overdue, false when it is only due.</param>
public sealed record PlanReminder(ContactPlanEntry Entry, bool IsOverdue);
