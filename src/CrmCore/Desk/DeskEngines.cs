using CrmCore.Churn;
using CrmCore.Escalation;
using CrmCore.Routing;
using CrmCore.Sla;

namespace CrmCore.Desk;

/// <summary>The engines a <see cref="ServiceDesk"/> drives. <c>AddCrmCore()</c> fills it from the registered engines.</summary>
/// <param name="Sla">The SLA engine (policies and calendars).</param>
/// <param name="Escalation">The escalation engine (the business-time ladders).</param>
/// <param name="Queue">The waiting queue.</param>
public sealed record DeskEngines(SlaEngine Sla, EscalationEngine Escalation, TicketQueue Queue)
{
    /// <summary>What else falls due on the desk's timer (contact plan reminders); default <see cref="NoPlanScheduler.Instance"/>.
    /// <c>AddCrmCore()</c> uses the registered <see cref="IPlanScheduler"/> (<c>AddCrmRelationships()</c> registers one).</summary>
    public IPlanScheduler Plans { get; init; } = NoPlanScheduler.Instance;

    /// <summary>
    /// Scores churn risk and remembers each customer's band (<see cref="IChurnHistory"/>), or null (the default) when the desk assesses
    /// no churn. <c>AddCrmCore()</c> uses the registered one (<c>AddCrmMetrics()</c> registers it).
    /// </summary>
    public ChurnScorer? Churn { get; init; }
}
