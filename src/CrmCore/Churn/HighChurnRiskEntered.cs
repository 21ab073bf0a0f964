using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Churn;

/// <summary>
/// Raised when a customer enters the high churn-risk band (not while staying in it). By the documents' policy a supervisor calls
/// the customer before <see cref="FollowUpDue"/>. Immutable.
/// </summary>
/// <param name="Customer">The customer.</param>
/// <param name="Assessment">The evaluation that crossed into the high band, with its reasons.</param>
/// <param name="FollowUpDue">When the supervisor's call is due: evaluation time + <see cref="ChurnOptions.FollowUpWithin"/>.</param>
public sealed record HighChurnRiskEntered(CustomerId Customer, ChurnAssessment Assessment, Instant FollowUpDue);
