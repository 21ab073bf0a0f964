using CrmCore.Agents;
using CrmCore.Churn;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// Raised once when a customer enters the high churn-risk band (document 001: follow up within a day): the account manager should
/// contact the customer by <paramref name="FollowUpDue"/>. A customer who stays high raises nothing more until it has left the band.
/// </summary>
/// <param name="Customer">The customer.</param>
/// <param name="OccurredAt">When the desk assessed it.</param>
/// <param name="Assessment">The assessment (score, band, factors, trend).</param>
/// <param name="FollowUpDue">When the follow-up is due.</param>
/// <param name="AccountManager">The customer's account manager, or null when none is recorded.</param>
public sealed record ChurnFollowUpRaised(CustomerId Customer, Instant OccurredAt, ChurnAssessment Assessment, Instant FollowUpDue, AgentId? AccountManager) : IDomainEvent;
