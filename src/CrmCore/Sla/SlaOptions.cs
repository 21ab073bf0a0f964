using CrmCore.Escalation;

namespace CrmCore.Sla;

/// <summary>
/// Options of <c>AddCrmSla</c>: the SLA policy set, the escalation ladders and custom clock definitions. Validated at start: every
/// calendar a target or step names must be registered. Not thread-safe while being configured.
/// </summary>
public sealed class SlaOptions
{
    /// <summary>The SLA policies. Default: document 001's (<see cref="SlaPolicyJson.Document001"/>).</summary>
    public SlaPolicySet Policies { get; set; } = SlaPolicyJson.Document001;

    /// <summary>The escalation ladders. Default: document 001's (<see cref="EscalationPolicyJson.Document001"/>).</summary>
    public EscalationPolicy Escalation { get; set; } = EscalationPolicyJson.Document001;

    /// <summary>Clock definitions of custom metrics. Default: none.</summary>
    public IList<ISlaClockDefinition> Clocks { get; } = [];
}
