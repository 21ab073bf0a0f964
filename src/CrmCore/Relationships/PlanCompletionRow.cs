using CrmCore.Agents;

namespace CrmCore.Relationships;

/// <summary>Plan completion of one account manager over a period: a KPI input for the monthly report. Immutable.</summary>
/// <param name="Owner">The account manager; null for entries of customers without one.</param>
/// <param name="Planned">Entries due in the period, cancelled ones excluded.</param>
/// <param name="Completed">Of those, the completed ones.</param>
/// <param name="CompletedOnTime">Of those, the ones completed by their due time.</param>
/// <param name="Overdue">Entries still open after their due time at the end of the period.</param>
/// <param name="Cancelled">Entries due in the period that were cancelled.</param>
public sealed record PlanCompletionRow(AgentId? Owner, int Planned, int Completed, int CompletedOnTime, int Overdue, int Cancelled)
{
    /// <summary>Completed ÷ planned, 0–1; null when nothing was planned.</summary>
    public double? CompletionRate => Planned == 0 ? null : (double)Completed / Planned;

    /// <summary>Completed on time ÷ planned, 0–1; null when nothing was planned.</summary>
    public double? OnTimeRate => Planned == 0 ? null : (double)CompletedOnTime / Planned;
}
