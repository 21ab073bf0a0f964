using NodaTime;

namespace CrmCore.Customers;

/// <summary>Raised when a customer gets another account manager.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="PreviousManager">The manager before, or null.</param>
/// <param name="NewManager">The manager after.</param>
public sealed record CustomerAccountManagerChanged(CustomerId CustomerId, Instant OccurredAt, Agents.AgentId? PreviousManager, Agents.AgentId NewManager) : IDomainEvent;
