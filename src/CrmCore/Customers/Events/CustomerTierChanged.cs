using NodaTime;

namespace CrmCore.Customers;

/// <summary>Raised when a customer's value tier changes (usually by a tier rule).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="PreviousTier">The tier before, or null when there was none.</param>
/// <param name="NewTier">The tier after.</param>
/// <param name="Reason">Why (for example the rule that decided), or null.</param>
public sealed record CustomerTierChanged(CustomerId CustomerId, Instant OccurredAt, string? PreviousTier, string NewTier, string? Reason) : IDomainEvent;
