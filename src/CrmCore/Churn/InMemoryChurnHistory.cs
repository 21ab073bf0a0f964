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
        ThrowIfInvalid(customer, entry);
        _entries[customer] = entry;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="customer"/> is empty.</exception>
    public ChurnHistoryExchange Exchange(CustomerId customer, ChurnHistoryEntry next)
    {
        ThrowIfInvalid(customer, next);
        while (true)
        {
            if (!_entries.TryGetValue(customer, out var current))
            {
                if (_entries.TryAdd(customer, next))
                {
                    return new ChurnHistoryExchange(null, Stored: true);
                }
            }
            else if (next.EvaluatedAt < current.EvaluatedAt)
            {
                return new ChurnHistoryExchange(current, Stored: false);
            }
            else if (_entries.TryUpdate(customer, next, current))
            {
                return new ChurnHistoryExchange(current, Stored: true);
            }
        }
    }

    private static void ThrowIfInvalid(CustomerId customer, ChurnHistoryEntry entry)
    {
        if (customer.IsEmpty)
        {
            throw new ArgumentException("The customer id must not be empty.", nameof(customer));
        }

        ArgumentNullException.ThrowIfNull(entry);
    }
}
