using CrmCore.Customers;

namespace CrmCore.Completeness;

/// <summary>How complete one customer's record is under a <see cref="CompletenessPolicy"/>.</summary>
/// <param name="Customer">The customer.</param>
/// <param name="MissingRequired">Required fields the record lacks; empty when it is complete.</param>
/// <param name="MissingRecommended">Recommended fields the record lacks.</param>
/// <param name="Score">The share of required and recommended fields present, 0 to 1 (1 when the policy names none).</param>
public sealed record CustomerCompleteness(
    CustomerId Customer,
    IReadOnlyList<CustomerDataField> MissingRequired,
    IReadOnlyList<CustomerDataField> MissingRecommended,
    double Score)
{
    /// <summary>True when no required field is missing.</summary>
    public bool IsComplete => MissingRequired.Count == 0;
}
