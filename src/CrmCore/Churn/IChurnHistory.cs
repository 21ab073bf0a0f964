using CrmCore.Customers;

namespace CrmCore.Churn;

/// <summary>
/// Remembers each customer's last churn evaluation, so <see cref="ChurnScorer"/> can report the trend and detect entry into the
/// high band. Implementations must be thread-safe. <see cref="InMemoryChurnHistory"/> is the default; hosts persist it themselves.
/// </summary>
public interface IChurnHistory
{
    /// <summary>The last evaluation of a customer.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The entry, or null when the customer was never evaluated.</returns>
    ChurnHistoryEntry? GetLatest(CustomerId customer);

    /// <summary>Stores an evaluation as the customer's latest.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="entry">The evaluation.</param>
    void Save(CustomerId customer, ChurnHistoryEntry entry);
}
