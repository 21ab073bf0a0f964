using CrmCore.Agents;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Relationships.Events;

/// <summary>A contact plan entry passed its due time while still open (raised once per entry by <see cref="ContactPlanBook.AdvanceAsync"/>).</summary>
/// <param name="Entry">The entry.</param>
/// <param name="Customer">The customer.</param>
/// <param name="Owner">The account manager to remind; null when none.</param>
/// <param name="Kind">Why the entry exists.</param>
/// <param name="OccurredAt">The entry's due time.</param>
public sealed record ContactPlanEntryWentOverdue(PlanEntryId Entry, CustomerId Customer, AgentId? Owner, PlanKind Kind, Instant OccurredAt) : IDomainEvent;
