namespace CrmCore.Completeness;

/// <summary>The completeness of a set of customers: one entry per customer and the shares document 002's daily check reports.</summary>
/// <param name="Customers">One entry per customer, in the order given.</param>
/// <param name="CompleteShare">The share of customers with every required field, 0 to 1 (1 for no customers): the completeness KPI.</param>
/// <param name="FieldShares">Per required or recommended field, the share of customers that have it.</param>
public sealed record CompletenessReport(
    IReadOnlyList<CustomerCompleteness> Customers,
    double CompleteShare,
    IReadOnlyDictionary<CustomerDataField, double> FieldShares)
{
    /// <summary>The policy the customers were checked against; default <see cref="CompletenessPolicy.Default"/>.</summary>
    public CompletenessPolicy Policy { get; init; } = CompletenessPolicy.Default;

    /// <summary>How many customers have every required field.</summary>
    public int CompleteCount => Customers.Count(c => c.IsComplete);

    /// <summary>
    /// The fields at least one customer lacks, most often missing first (then required before recommended, then in
    /// <see cref="CustomerDataField"/> order); empty when every record has every field. Filled by <see cref="CompletenessCheck.Check(IEnumerable{CrmCore.Customers.CustomerState}, CompletenessPolicy?)"/>.
    /// </summary>
    public IReadOnlyList<MissingField> MostOftenMissing { get; init; } = [];

    /// <summary>
    /// One row per account manager (customers without one in a row of their own), lowest complete share first, then most customers, then
    /// the manager's id (ordinal; no manager last). Filled by <see cref="CompletenessCheck.Check(IEnumerable{CrmCore.Customers.CustomerState}, CompletenessPolicy?)"/>.
    /// </summary>
    public IReadOnlyList<AccountManagerCompleteness> ByAccountManager { get; init; } = [];
}
