namespace CrmCore.Access;

/// <summary>Which customers a role sees (documents 000/001: agents their own, supervisors their team's, others all).</summary>
public enum RecordScope
{
    /// <summary>No customer (<c>none</c>).</summary>
    None,

    /// <summary>Customers whose account manager is the principal (<c>own</c>).</summary>
    Own,

    /// <summary>Customers whose account manager is the principal or a member of the principal's team (<c>team</c>).</summary>
    Team,

    /// <summary>Every customer (<c>all</c>).</summary>
    All,
}
