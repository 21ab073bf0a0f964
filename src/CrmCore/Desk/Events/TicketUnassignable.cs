using CrmCore.Agents;
using CrmCore.Escalation;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Raised when no registered agent could ever take a ticket (no agent serves its group, or none has the required skills). The ticket stays queued; nothing is stranded silently.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Group">The group it waits in.</param>
/// <param name="RequiredSkills">The skills it needs.</param>
/// <param name="Reason">Why no agent fits.</param>
public sealed record TicketUnassignable(TicketId TicketId, Instant OccurredAt, TeamId Group, string RequiredSkills, string Reason) : IDomainEvent;
