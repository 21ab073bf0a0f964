namespace CrmCore.Churn;

/// <summary>The outcome of <see cref="IChurnHistory.Exchange"/>. Immutable.</summary>
/// <param name="Previous">The entry that was stored before the exchange, or null when the customer was never evaluated.</param>
/// <param name="Stored">
/// True when the new entry replaced <paramref name="Previous"/>; false when it was ignored because the stored entry is newer
/// (then <paramref name="Previous"/> is that newer entry, still stored).
/// </param>
public readonly record struct ChurnHistoryExchange(ChurnHistoryEntry? Previous, bool Stored);
