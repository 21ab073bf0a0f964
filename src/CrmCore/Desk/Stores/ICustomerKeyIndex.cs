namespace CrmCore.Desk;

/// <summary>
/// Finds stored customers by their match keys (<see cref="CustomerKey"/>: id, canonical phone, case-folded e-mail, company-name key, and
/// similar names through the name grams), many keys in one call, for duplicate detection at any number of customers without loading them.
/// A customer store that implements it writes every customer's keys (<see cref="CustomerKey.Of"/>) in the same transaction as the
/// customer, so the index can never disagree with the customers: the memory, SQLite and PostgreSQL stores do. The name grams a
/// <see cref="CustomerKeyKind.NameBlock"/> lookup reads are kept only from the first such lookup on, which builds them for the customers
/// stored before (so a host that never searches similar names pays nothing for them, and that first lookup can take a while). Thread-safe.
/// </summary>
public interface ICustomerKeyIndex
{
    /// <summary>Finds the customers holding any of <paramref name="keys"/>.</summary>
    /// <param name="keys">The keys to look for (duplicates are ignored); a <see cref="CustomerKeyKind.NameBlock"/> key finds the
    /// <see cref="CustomerKeyKind.Name"/> keys at least its <see cref="CustomerKey.Similarity"/> similar to its value, every one of them
    /// unless the lookup reads more than <see cref="SimilarNames.MaxCandidates"/> gram entries: then the answer also holds a match whose key
    /// is that <see cref="CustomerKeyKind.NameBlock"/> key and whose customer id is empty (<see cref="Customers.CustomerId.IsEmpty"/>),
    /// saying similar names may be missing. Each gram entry read counts once per customer holding the name, on every store.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Every match, ordered by kind, key (ordinal) and customer id (ordinal); empty when nothing matches.</returns>
    /// <exception cref="ArgumentException">A key is a <see cref="CustomerKeyKind.NameGram"/> key, of an unknown kind, or has an empty value.</exception>
    ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default);
}
