namespace CrmCore.Escalation;

/// <summary>Whom an escalation goes to: a role (resolved by the host to people) or a team.</summary>
public enum EscalationTargetKind
{
    /// <summary>A role such as <c>Supervisor</c>, <c>DepartmentHead</c> or <c>ProductManager</c>.</summary>
    Role = 0,

    /// <summary>A team such as <c>TechnicalSupport</c>.</summary>
    Team = 1,
}
