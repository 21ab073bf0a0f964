using NodaTime;

namespace CrmCore.Customers;

/// <summary>Raised when a part of a customer's record changes that has no event of its own (names, industry, size, contacts,
/// transactions, preferences, latest interaction).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Detail">What changed.</param>
public sealed record CustomerDetailsChanged(CustomerId CustomerId, Instant OccurredAt, CustomerDetail Detail) : IDomainEvent;
