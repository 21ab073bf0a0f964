using CrmCore.Customers;

namespace CrmCore.Desk;

/// <summary>
/// The in-memory form of <see cref="ICustomerKeyIndex"/>: each key to the ids holding it, each customer to its keys (to remove the old
/// ones when it changes; no grams), and, from the first <see cref="CustomerKeyKind.NameBlock"/> lookup on, the name keys in a
/// <see cref="SimilarNameIndex"/> (built then from the stored name keys, under the lock, and kept by every later save). A table never
/// asked for similar names holds no grams. Thread-safe (one lock).
/// </summary>
internal sealed class CustomerKeyTable
{
    private readonly Dictionary<CustomerKey, SortedSet<string>> _owners = [];
    private readonly Dictionary<CustomerId, IReadOnlyList<CustomerKey>> _keysOf = [];
    private readonly Lock _gate = new();
    private SimilarNameIndex? _similar;

    /// <summary>Whether the similar-name index has been built (by the first <see cref="CustomerKeyKind.NameBlock"/> lookup).</summary>
    public bool HasSimilarNames
    {
        get
        {
            lock (_gate)
            {
                return _similar is not null;
            }
        }
    }

    /// <summary>Replaces a customer's keys by those of its new state.</summary>
    public void Write(CustomerId id, CustomerState state)
    {
        var keys = CustomerKey.Of(state);
        lock (_gate)
        {
            if (_keysOf.TryGetValue(id, out var old))
            {
                if (old.SequenceEqual(keys))
                {
                    return; // most saves (tier, tags, notes) leave the keys as they were
                }

                foreach (var key in old)
                {
                    Remove(key, id.Value);
                }
            }

            _keysOf[id] = keys;
            foreach (var key in keys)
            {
                if (!_owners.TryGetValue(key, out var owners))
                {
                    _owners[key] = owners = new SortedSet<string>(StringComparer.Ordinal);
                }

                owners.Add(id.Value);
                if (key.Kind == CustomerKeyKind.Name)
                {
                    _similar?.Add(key.Value);
                }
            }
        }
    }

    /// <summary>The customers holding any of the keys (see <see cref="ICustomerKeyIndex.FindByKeysAsync"/>), unordered.</summary>
    /// <exception cref="ArgumentException">A key is not a lookup key (<see cref="CustomerKey.CheckLookup"/>).</exception>
    public List<CustomerKeyMatch> Find(IReadOnlyCollection<CustomerKey> keys)
    {
        var distinct = new HashSet<CustomerKey>(keys);
        CustomerKey.CheckLookup(distinct);
        var matches = new List<CustomerKeyMatch>();
        lock (_gate)
        {
            foreach (var key in distinct)
            {
                if (key.Kind == CustomerKeyKind.NameBlock)
                {
                    var similarity = key.SearchSimilarity;
                    var names = (_similar ??= BuildSimilar()).Find(key.Value, similarity, out var complete);
                    foreach (var name in names)
                    {
                        var nameKey = new CustomerKey(CustomerKeyKind.Name, name);
                        matches.AddRange(_owners[nameKey].Select(id => new CustomerKeyMatch(nameKey, new CustomerId(id))));
                    }

                    if (!complete)
                    {
                        matches.Add(new CustomerKeyMatch(key, default));
                    }
                }
                else if (_owners.TryGetValue(key, out var owners))
                {
                    matches.AddRange(owners.Select(id => new CustomerKeyMatch(key, new CustomerId(id))));
                }
            }
        }

        return matches;
    }

    /// <summary>The similar-name index of every stored name key, each with its customer count (under the lock).</summary>
    private SimilarNameIndex BuildSimilar()
    {
        var index = new SimilarNameIndex();
        foreach (var (key, owners) in _owners)
        {
            if (key.Kind == CustomerKeyKind.Name)
            {
                index.Add(key.Value, owners.Count);
            }
        }

        return index;
    }

    private void Remove(CustomerKey key, string id)
    {
        if (_owners.TryGetValue(key, out var owners) && owners.Remove(id) && owners.Count == 0)
        {
            _owners.Remove(key);
        }

        if (key.Kind == CustomerKeyKind.Name)
        {
            _similar?.Remove(key.Value);
        }
    }
}
