using System.Collections.Concurrent;
using CrmCore.Customers;

namespace CrmCore.Churn;

/// <summary>An <see cref="IChurnHistory"/> kept in process memory and lost on restart. Thread-safe.</summary>
public sealed class InMemoryChurnHistory : IChurnHistory
{
    private readonly ConcurrentDictionary<CustomerId, ChurnHistoryEntry> _entries = new();

    /// <inheritdoc />
    public ChurnHistoryEntry? GetLatest(CustomerId customer) => _entries.TryGetValue(customer, out var entry) ? entry : null;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="customer"/> is empty.</exception>
    public void Save(CustomerId customer, ChurnHistoryEntry entry)
    {
        if (customer.IsEmpty)
        {
            throw new ArgumentException("The customer id must not be empty.", nameof(customer));
        }

        ArgumentNullException.ThrowIfNull(entry);
        _entries[customer] = entry;
    }
}
