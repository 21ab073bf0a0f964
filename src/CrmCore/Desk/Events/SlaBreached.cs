using CrmCore.Agents;
using CrmCore.Escalation;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Raised once per SLA clock cycle when the due time passes with the clock open.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Metric">The SLA metric.</param>
/// <param name="DueAt">When it fell due.</param>
public sealed record SlaBreached(TicketId TicketId, Instant OccurredAt, SlaMetric Metric, Instant DueAt) : IDomainEvent;
