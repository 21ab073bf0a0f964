using CrmCore.Customers;

namespace CrmCore.Desk;

/// <summary>
/// One stored customer found by a key: the key it holds (for a <see cref="CustomerKeyKind.NameBlock"/> lookup, the customer's
/// <see cref="CustomerKeyKind.Name"/> key similar to the searched one) and the customer. A match with a
/// <see cref="CustomerKeyKind.NameBlock"/> key and an empty customer id says that lookup was cut at <see cref="SimilarNames.MaxCandidates"/>.
/// </summary>
/// <param name="Key">The stored key that matched.</param>
/// <param name="CustomerId">The customer holding it.</param>
public readonly record struct CustomerKeyMatch(CustomerKey Key, CustomerId CustomerId)
{
    /// <summary>The order <see cref="ICustomerKeyIndex.FindByKeysAsync"/> returns: kind, key (ordinal), customer id (ordinal).</summary>
    internal static readonly Comparer<CustomerKeyMatch> Order = Comparer<CustomerKeyMatch>.Create((a, b) =>
    {
        var c = a.Key.Kind.CompareTo(b.Key.Kind);
        c = c != 0 ? c : string.CompareOrdinal(a.Key.Value, b.Key.Value);
        return c != 0 ? c : string.CompareOrdinal(a.CustomerId.Value, b.CustomerId.Value);
    });
}
