namespace CrmCore.Audit;

/// <summary>The entity type names CrmCore writes in <see cref="AuditEntry.EntityType"/>.</summary>
public static class AuditEntityTypes
{
    /// <summary>A customer: <c>customer</c>.</summary>
    public const string Customer = "customer";

    /// <summary>A ticket: <c>ticket</c>.</summary>
    public const string Ticket = "ticket";

    /// <summary>A contact plan entry: <c>plan</c>.</summary>
    public const string Plan = "plan";
}
