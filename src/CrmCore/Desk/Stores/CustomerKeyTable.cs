using CrmCore.Customers;

namespace CrmCore.Desk;

/// <summary>
/// The in-memory form of <see cref="ICustomerKeyIndex"/>: each key to the ids holding it, each customer to its keys (to remove the old
/// ones when it changes), and per name block the name keys in ordinal order. Thread-safe (one lock).
/// </summary>
internal sealed class CustomerKeyTable
{
    private static readonly Comparer<(string Key, string Id)> ByKeyThenId = Comparer<(string Key, string Id)>.Create((a, b) =>
    {
        var byKey = string.CompareOrdinal(a.Key, b.Key);
        return byKey != 0 ? byKey : string.CompareOrdinal(a.Id, b.Id);
    });

    private readonly Dictionary<CustomerKey, SortedSet<string>> _owners = [];
    private readonly Dictionary<CustomerId, IReadOnlyList<CustomerKey>> _keysOf = [];
    private readonly Dictionary<string, SortedSet<(string Key, string Id)>> _blocks = new(StringComparer.Ordinal);
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
                if (!_owners.TryGetValue(key, out var owners))
                {
                    _owners[key] = owners = new SortedSet<string>(StringComparer.Ordinal);
                }

                owners.Add(id.Value);
                if (key.Kind == CustomerKeyKind.Name)
                {
                    var block = CustomerKey.BlockText(key.Value);
                    if (!_blocks.TryGetValue(block, out var names))
                    {
                        _blocks[block] = names = new SortedSet<(string, string)>(ByKeyThenId);
                    }

                    names.Add((key.Value, id.Value));
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
                    if (_blocks.TryGetValue(key.Value, out var names))
                    {
                        matches.AddRange(names.Take(CustomerKey.MaxBlockMatches).Select(n => new CustomerKeyMatch(new CustomerKey(CustomerKeyKind.Name, n.Key), new CustomerId(n.Id))));
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
        if (_owners.TryGetValue(key, out var owners) && owners.Remove(id) && owners.Count == 0)
        {
            _owners.Remove(key);
        }

        if (key.Kind == CustomerKeyKind.Name && _blocks.TryGetValue(CustomerKey.BlockText(key.Value), out var names))
        {
            names.Remove((key.Value, id));
        }
    }
}
