using CrmCore.Relationships;
using NodaTime;

namespace CrmCore.Audit;

/// <summary>
/// The audit entries a contact plan entry's save records: its creation and every status change (old and new status). The stores write
/// them with the save (in its transaction on SQLite and PostgreSQL, under the store's lock in memory) when they were given a clock.
/// Free texts (purpose, feedback, the cancel reason) are never copied into the trail. Thread-safe (stateless).
/// </summary>
public static class PlanAudit
{
    /// <summary>The entries of a save from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <param name="actor">Who saved it.</param>
    /// <param name="at">When.</param>
    /// <param name="before">The stored state, or null for a new entry.</param>
    /// <param name="after">The new state.</param>
    /// <returns>A <see cref="AuditAction.Create"/> for a new entry, a <see cref="AuditAction.StatusChange"/> when the status changed; else none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="after"/> is null.</exception>
    public static IReadOnlyList<AuditEntry> Changes(string actor, Instant at, ContactPlanEntryState? before, ContactPlanEntryState after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            return
            [
                new AuditEntry(at, actor, AuditAction.Create, AuditEntityTypes.Plan, after.Id.Value)
                {
                    NewValue = $"customer {after.Customer}, {after.Kind}, owner {after.Owner?.Value ?? "-"}, status {after.Status}",
                },
            ];
        }

        return before.Status == after.Status
            ? []
            :
            [
                new AuditEntry(at, actor, AuditAction.StatusChange, AuditEntityTypes.Plan, after.Id.Value)
                {
                    Field = "status",
                    OldValue = before.Status.ToString(),
                    NewValue = after.Status.ToString(),
                },
            ];
    }
}
