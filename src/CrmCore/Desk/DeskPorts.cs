namespace CrmCore.Desk;

/// <summary>The rule ports a <see cref="ServiceDesk"/> asks. <c>AddCrmCore()</c> registers plain-C# defaults; <c>AddCrmRules()</c> replaces
/// them with the rule pack's workflows; a host may register its own implementation of any port before either.</summary>
/// <param name="Priority">Scores a ticket's priority.</param>
/// <param name="Routing">Routes a ticket to a group with required skills.</param>
/// <param name="EscalationPath">Chooses the escalation ladders that apply.</param>
public sealed record DeskPorts(IPriorityScorer Priority, IRoutingPolicy Routing, IEscalationPathChooser EscalationPath)
{
    /// <summary>The plain-C# defaults: priority by urgency, one group <c>L1</c>, every ladder.</summary>
    public static DeskPorts Defaults { get; } = new(new UrgencyPriorityScorer(), new SingleGroupRouting(), new AllLaddersPath());
}
