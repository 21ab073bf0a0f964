using NodaTime;

namespace CrmCore.Relationships;

/// <summary>Plan completion by account manager, the KPI input the monthly report shows. Thread-safe (stateless).</summary>
public static class PlanCompletion
{
    /// <summary>Counts the entries due in [<paramref name="from"/>, <paramref name="to"/>] per owner, as of <paramref name="asOf"/>.</summary>
    /// <param name="entries">The entries (for example <see cref="ContactPlanBook.ListAsync"/>).</param>
    /// <param name="from">The first due date counted.</param>
    /// <param name="to">The last due date counted (inclusive).</param>
    /// <param name="asOf">The instant overdue is judged at (usually the end of the period).</param>
    /// <returns>One row per owner, ordered by owner id (the row without an owner last).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
    public static IReadOnlyList<PlanCompletionRow> ByOwner(IEnumerable<ContactPlanEntry> entries, LocalDate from, LocalDate to, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Where(e => e.DueOn >= from && e.DueOn <= to)
            .GroupBy(e => e.Owner)
            .Select(g => new PlanCompletionRow(
                g.Key,
                g.Count(e => e.Status != PlanStatus.Cancelled),
                g.Count(e => e.Status == PlanStatus.Completed),
                g.Count(e => e.CompletedOnTime),
                g.Count(e => e.IsOverdueAt(asOf)),
                g.Count(e => e.Status == PlanStatus.Cancelled)))
            .OrderBy(r => r.Owner is null).ThenBy(r => r.Owner?.Value, StringComparer.Ordinal)];
    }
}
