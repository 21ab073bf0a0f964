using CrmCore.Assets;
using CrmCore.Customers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Assets;

public sealed class AssetRegistryProperties
{
    [Property(MaxTest = 200)]
    public Property SetParent_AnySequence_HierarchyStaysAForest((byte Child, byte Parent)[] moves)
    {
        const int n = 8;
        var registry = new AssetRegistry();
        var owner = new CustomerId("C202601001");
        for (var i = 0; i < n; i++)
        {
            registry.Add(new Asset(new AssetId($"a{i}"), $"asset {i}", $"SN{i}", "M", owner, new LocalDate(2025, 1, 1)));
        }

        var refused = 0;
        foreach (var (child, parent) in moves ?? [])
        {
            try
            {
                registry.SetParent(new AssetId($"a{child % n}"), parent % (n + 1) == n ? null : new AssetId($"a{parent % (n + 1)}"));
            }
            catch (AssetHierarchyException)
            {
                refused++;
            }
        }

        // No asset is its own ancestor, every asset is in exactly one top-level subtree, and children agree with parents.
        var noCycle = registry.Assets.All(a => registry.Ancestors(a.Id).Take(n + 1).Count() <= n - 1 && registry.Ancestors(a.Id).All(x => x.Id != a.Id));
        var roots = registry.Assets.Where(a => a.Parent is null).ToList();
        var covered = roots.SelectMany(r => registry.Subtree(r.Id)).Select(a => a.Id).ToList();
        var consistent = registry.Assets.All(a => registry.Children(a.Id).All(c => c.Parent == a.Id));
        return (noCycle && covered.Count == n && covered.Distinct().Count() == n && consistent).Label($"refused {refused}");
    }
}
