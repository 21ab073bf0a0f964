namespace CrmCore.Desk;

/// <summary>
/// Finds stored customers by their match keys (<see cref="CustomerKey"/>: id, canonical phone, case-folded e-mail, company-name key, and
/// name blocks for similar names), many keys in one call, for duplicate detection at any number of customers without loading them.
/// A customer store that implements it writes every customer's keys (<see cref="CustomerKey.Of"/>) in the same transaction as the
/// customer, so the index can never disagree with the customers: the memory, SQLite and PostgreSQL stores do. Thread-safe.
/// </summary>
public interface ICustomerKeyIndex
{
    /// <summary>Finds the customers holding any of <paramref name="keys"/>.</summary>
    /// <param name="keys">The keys to look for (duplicates are ignored); a <see cref="CustomerKeyKind.NameBlock"/> key finds at most
    /// <see cref="CustomerKey.MaxBlockMatches"/> name keys of its block, the first in ordinal order of the key and then the id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Every match, ordered by kind, key (ordinal) and customer id (ordinal); empty when nothing matches.</returns>
    ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default);
}
