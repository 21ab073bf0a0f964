using NodaTime;

namespace CrmCore.Customers;

/// <summary>Raised when a tag is added to a customer.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Tag">The tag.</param>
public sealed record CustomerTagged(CustomerId CustomerId, Instant OccurredAt, string Tag) : IDomainEvent;
