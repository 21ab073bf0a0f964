using NodaTime;

namespace CrmCore.Customers;

/// <summary>Raised when a tag is removed from a customer.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Tag">The tag.</param>
public sealed record CustomerUntagged(CustomerId CustomerId, Instant OccurredAt, string Tag) : IDomainEvent;
