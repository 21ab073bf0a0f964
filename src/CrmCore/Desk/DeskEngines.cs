using CrmCore.Escalation;
using CrmCore.Routing;
using CrmCore.Sla;

namespace CrmCore.Desk;

/// <summary>The engines a <see cref="ServiceDesk"/> drives. <c>AddCrmCore()</c> fills it from the registered engines.</summary>
/// <param name="Sla">The SLA engine (policies and calendars).</param>
/// <param name="Escalation">The escalation engine (the business-time ladders).</param>
/// <param name="Queue">The waiting queue.</param>
public sealed record DeskEngines(SlaEngine Sla, EscalationEngine Escalation, TicketQueue Queue);
