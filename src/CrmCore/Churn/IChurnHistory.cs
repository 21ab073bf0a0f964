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

    /// <summary>
    /// Atomically stores an evaluation as the customer's latest and returns the one it replaced, unless the stored entry is newer
    /// (a later <see cref="ChurnHistoryEntry.EvaluatedAt"/>): then nothing changes and the result says so. An entry at the same
    /// instant as the stored one replaces it. Of several concurrent exchanges for one customer, each sees the entry stored by the
    /// one before it, so a crossing into the high band is seen by exactly one of them. <see cref="ChurnScorer"/> uses this.
    /// </summary>
    /// <param name="customer">The customer.</param>
    /// <param name="next">The new evaluation.</param>
    /// <returns>The previous entry and whether <paramref name="next"/> was stored.</returns>
    ChurnHistoryExchange Exchange(CustomerId customer, ChurnHistoryEntry next);
}
