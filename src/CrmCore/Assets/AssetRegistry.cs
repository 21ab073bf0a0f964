using CrmCore.Customers;

namespace CrmCore.Assets;

/// <summary>
/// The installed base: every asset by id and serial number, and the parent/child hierarchy (a forest: no asset is under itself, a
/// parent has the same owner). In memory; not thread-safe.
/// </summary>
public sealed class AssetRegistry
{
    private readonly Dictionary<AssetId, Asset> _assets = [];
    private readonly Dictionary<string, Asset> _bySerial = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<AssetId, List<AssetId>> _children = [];

    /// <summary>Every asset, in no particular order.</summary>
    public IReadOnlyCollection<Asset> Assets => _assets.Values;

    /// <summary>Builds the installed base from stored assets (for example <see cref="IAssetRepository.ListAsync"/>), in any order,
    /// checking the hierarchy as <see cref="SetParent"/> does.</summary>
    /// <param name="states">The stored assets.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="states"/> is null.</exception>
    /// <exception cref="ArgumentException">An id or serial number appears twice, or a state is invalid.</exception>
    /// <exception cref="KeyNotFoundException">A parent is not among the assets.</exception>
    /// <exception cref="AssetHierarchyException">The stored links make a cycle or cross owners.</exception>
    public static AssetRegistry FromStates(IEnumerable<AssetState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var registry = new AssetRegistry();
        var parents = new List<(AssetId Child, AssetId Parent)>();
        foreach (var state in states)
        {
            registry.Add(Asset.Restore(state with { Parent = null }));
            if (state.Parent is { } parent)
            {
                parents.Add((state.Id, parent));
            }
        }

        foreach (var (child, parent) in parents)
        {
            registry.SetParent(child, parent);
        }

        return registry;
    }

    /// <summary>Adds an asset.</summary>
    /// <param name="asset">The asset; its id and serial number must be new.</param>
    /// <exception cref="ArgumentNullException"><paramref name="asset"/> is null.</exception>
    /// <exception cref="ArgumentException">The id or serial number is already registered.</exception>
    public void Add(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (_assets.ContainsKey(asset.Id))
        {
            throw new ArgumentException($"Asset {asset.Id} is already registered.", nameof(asset));
        }

        if (_bySerial.TryGetValue(asset.SerialNumber, out var other))
        {
            throw new ArgumentException($"Serial number {asset.SerialNumber} already belongs to asset {other.Id}.", nameof(asset));
        }

        _assets.Add(asset.Id, asset);
        _bySerial.Add(asset.SerialNumber, asset);
    }

    /// <summary>The asset with an id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The asset.</returns>
    /// <exception cref="KeyNotFoundException">No asset has the id.</exception>
    public Asset Get(AssetId id) => _assets.TryGetValue(id, out var a) ? a : throw new KeyNotFoundException($"No asset {id} is registered.");

    /// <summary>The asset with a serial number (ignoring case), or null.</summary>
    /// <param name="serialNumber">The serial number.</param>
    /// <returns>The asset or null.</returns>
    public Asset? FindBySerial(string serialNumber) => serialNumber is null ? null : _bySerial.GetValueOrDefault(serialNumber.Trim());

    /// <summary>The assets a customer owns, by id.</summary>
    /// <param name="owner">The customer.</param>
    /// <returns>The assets.</returns>
    public IReadOnlyList<Asset> OwnedBy(CustomerId owner) => [.. _assets.Values.Where(a => a.Owner == owner).OrderBy(a => a.Id)];

    /// <summary>Places <paramref name="child"/> under <paramref name="parent"/>, or makes it top-level when <paramref name="parent"/> is null.</summary>
    /// <param name="child">The asset to place.</param>
    /// <param name="parent">The new parent, or null.</param>
    /// <exception cref="KeyNotFoundException">An asset is not registered.</exception>
    /// <exception cref="AssetHierarchyException">The link would make a cycle, or the parent has another owner; nothing is changed.</exception>
    public void SetParent(AssetId child, AssetId? parent)
    {
        var asset = Get(child);
        if (parent is { } p)
        {
            var parentAsset = Get(p);
            if (p == child || Ancestors(p).Any(a => a.Id == child))
            {
                throw new AssetHierarchyException(child, p, cycle: true);
            }

            if (parentAsset.Owner != asset.Owner)
            {
                throw new AssetHierarchyException(child, p, cycle: false);
            }
        }

        if (asset.Parent is { } old)
        {
            _children[old].Remove(child);
        }

        asset.Parent = parent;
        if (parent is { } np)
        {
            if (!_children.TryGetValue(np, out var list))
            {
                _children[np] = list = [];
            }

            list.Add(child);
        }
    }

    /// <summary>The direct children of an asset, by id.</summary>
    /// <param name="id">The asset.</param>
    /// <returns>The children.</returns>
    public IReadOnlyList<Asset> Children(AssetId id) =>
        _children.TryGetValue(id, out var list) ? [.. list.Order().Select(Get)] : [];

    /// <summary>The ancestors of an asset, nearest first.</summary>
    /// <param name="id">The asset.</param>
    /// <returns>The parent, its parent, ... up to the top-level asset.</returns>
    /// <exception cref="KeyNotFoundException">The asset is not registered.</exception>
    public IEnumerable<Asset> Ancestors(AssetId id)
    {
        var current = Get(id);
        while (current.Parent is { } p)
        {
            current = Get(p);
            yield return current;
        }
    }

    /// <summary>An asset and everything under it, depth first, children by id.</summary>
    /// <param name="id">The asset.</param>
    /// <returns>The subtree, the asset itself first.</returns>
    /// <exception cref="KeyNotFoundException">The asset is not registered.</exception>
    public IReadOnlyList<Asset> Subtree(AssetId id)
    {
        var result = new List<Asset>();
        var stack = new Stack<Asset>();
        stack.Push(Get(id));
        while (stack.Count > 0)
        {
            var asset = stack.Pop();
            result.Add(asset);
            foreach (var child in Children(asset.Id).Reverse())
            {
                stack.Push(child);
            }
        }

        return result;
    }
}
