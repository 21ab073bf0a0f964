using NodaTime;

namespace CrmCore.Customers;

/// <summary>Raised when a customer who had opted out of contact gets in touch, which lifts the opt-out.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Channel">The channel the customer used.</param>
public sealed record CustomerContactResumed(CustomerId CustomerId, Instant OccurredAt, Tickets.Channel Channel) : IDomainEvent;
