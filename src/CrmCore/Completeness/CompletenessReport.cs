namespace CrmCore.Completeness;

/// <summary>The completeness of a set of customers: one entry per customer and the shares document 002's daily check reports.</summary>
/// <param name="Customers">One entry per customer, in the order given.</param>
/// <param name="CompleteShare">The share of customers with every required field, 0 to 1 (1 for no customers): the completeness KPI.</param>
/// <param name="FieldShares">Per required or recommended field, the share of customers that have it.</param>
public sealed record CompletenessReport(
    IReadOnlyList<CustomerCompleteness> Customers,
    double CompleteShare,
    IReadOnlyDictionary<CustomerDataField, double> FieldShares);
