namespace CrmCore.Escalation;

/// <summary>The instant an escalation step counts from.</summary>
public enum EscalationAnchor
{
    /// <summary>When the ticket was raised; the step applies while the ticket is unresolved.</summary>
    Raised = 0,

    /// <summary>When an SLA clock's warning is due; the step applies while that clock is open.</summary>
    Warning = 1,

    /// <summary>When an SLA clock is due (overdue from then on); the step applies while that clock is open.</summary>
    Due = 2,
}
