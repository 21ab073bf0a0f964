using NodaTime;

namespace CrmCore.Customers;

/// <summary>Raised when the customer asks not to be contacted proactively (客户明确表示“无需联系”).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Reason">What the customer said, or null.</param>
public sealed record CustomerOptedOutOfContact(CustomerId CustomerId, Instant OccurredAt, string? Reason) : IDomainEvent;
