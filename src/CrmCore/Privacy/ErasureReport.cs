using CrmCore.Audit;
using CrmCore.Customers;

namespace CrmCore.Privacy;

/// <summary>What <see cref="PersonalDataRequests.EraseAsync"/> did.</summary>
/// <param name="Customer">The customer whose personal data was erased; its id, tier, tags, transactions and tickets stay.</param>
/// <param name="ValuesErased">How many distinct personal values were removed.</param>
/// <param name="TicketsScrubbed">How many tickets had a personal value in their text and were rewritten.</param>
/// <param name="OtherItemsScrubbed">How many other stored items (outbox messages) were rewritten.</param>
/// <param name="Record">The audit record of the erasure.</param>
public sealed record ErasureReport(CustomerId Customer, int ValuesErased, int TicketsScrubbed, int OtherItemsScrubbed, AuditRecord Record);
