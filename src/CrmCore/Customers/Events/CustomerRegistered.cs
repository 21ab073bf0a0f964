using NodaTime;

namespace CrmCore.Customers;

/// <summary>Raised when a customer is created.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Name">The customer name.</param>
public sealed record CustomerRegistered(CustomerId CustomerId, Instant OccurredAt, string Name) : IDomainEvent;
