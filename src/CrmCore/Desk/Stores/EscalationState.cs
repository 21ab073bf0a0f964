using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>What was already raised for one ticket, as plain data for <see cref="IEscalationRepository"/>.</summary>
public sealed record EscalationState
{
    /// <summary>The ticket.</summary>
    public required TicketId TicketId { get; init; }

    /// <summary>The version (1 for the first write, one more per write).</summary>
    public required long Version { get; init; }

    /// <summary>The escalation levels raised, oldest first; each (ladder, level) at most once.</summary>
    public IReadOnlyList<EscalationMark> Escalations { get; init; } = [];

    /// <summary>The SLA warnings raised, oldest first; each (metric, cycle) at most once.</summary>
    public IReadOnlyList<SlaWarningMark> Warnings { get; init; } = [];

    /// <summary>The reminders sent (revisit due, churn follow-up), oldest first; each (kind, key) at most once.</summary>
    public IReadOnlyList<ReminderMark> Reminders { get; init; } = [];
}
