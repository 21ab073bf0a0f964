using CrmCore.Customers;

namespace CrmCore.Desk;

/// <summary>
/// The in-memory form of <see cref="ICustomerKeyIndex"/>: each key to the ids holding it, each customer to its keys (to remove the old
/// ones when it changes), and the name keys in a <see cref="SimilarNameIndex"/> for <see cref="CustomerKeyKind.NameBlock"/> lookups (the
/// <see cref="CustomerKeyKind.NameGram"/> keys are that index's, not kept per key). Thread-safe (one lock).
/// </summary>
internal sealed class CustomerKeyTable
{
    private readonly Dictionary<CustomerKey, SortedSet<string>> _owners = [];
    private readonly Dictionary<CustomerId, IReadOnlyList<CustomerKey>> _keysOf = [];
    private readonly SimilarNameIndex _similar = new();
    private readonly Lock _gate = new();

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
                if (key.Kind == CustomerKeyKind.NameGram)
                {
                    continue;
                }

                if (!_owners.TryGetValue(key, out var owners))
                {
                    _owners[key] = owners = new SortedSet<string>(StringComparer.Ordinal);
                }

                owners.Add(id.Value);
                if (key.Kind == CustomerKeyKind.Name)
                {
                    _similar.Add(key.Value);
                }
            }
        }
    }

    public List<CustomerKeyMatch> Find(IReadOnlyCollection<CustomerKey> keys)
    {
        var matches = new List<CustomerKeyMatch>();
        lock (_gate)
        {
            foreach (var key in new HashSet<CustomerKey>(keys))
            {
                if (key.Kind == CustomerKeyKind.NameBlock)
                {
                    var similarity = key.Similarity > 0 ? key.Similarity : SimilarNames.LeastSimilarity;
                    var names = _similar.Find(key.Value, similarity, out var complete);
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

    private void Remove(CustomerKey key, string id)
    {
        if (key.Kind != CustomerKeyKind.NameGram && _owners.TryGetValue(key, out var owners) && owners.Remove(id) && owners.Count == 0)
        {
            _owners.Remove(key);
        }

        if (key.Kind == CustomerKeyKind.Name)
        {
            _similar.Remove(key.Value);
        }
    }
}
