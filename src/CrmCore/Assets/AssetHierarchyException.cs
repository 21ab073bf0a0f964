using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Assets;

/// <summary>
/// Thrown when a parent/child link would break the asset hierarchy: a cycle (an asset under itself or under one of its descendants,
/// code <c>CRM-ASSET-CYCLE</c>) or a parent owned by another customer (code <c>CRM-ASSET-OWNER-MISMATCH</c>). Nothing is changed.
/// </summary>
public sealed class AssetHierarchyException : CrmException
{
    /// <summary>The code for a cycle.</summary>
    public const string CycleCode = "CRM-ASSET-CYCLE";

    /// <summary>The code for a parent owned by another customer.</summary>
    public const string OwnerMismatchCode = "CRM-ASSET-OWNER-MISMATCH";

    /// <summary>Creates the exception.</summary>
    /// <param name="child">The asset being placed.</param>
    /// <param name="parent">The refused parent.</param>
    /// <param name="cycle">True for a cycle, false for an owner mismatch.</param>
    public AssetHierarchyException(AssetId child, AssetId parent, bool cycle)
        : base(Describe(child, parent, cycle, CultureInfo.InvariantCulture))
    {
        Child = child;
        Parent = parent;
        IsCycle = cycle;
        Code = cycle ? CycleCode : OwnerMismatchCode;
    }

    /// <summary>The asset being placed.</summary>
    public AssetId Child { get; }

    /// <summary>The refused parent.</summary>
    public AssetId Parent { get; }

    /// <summary>True for a cycle, false for a parent owned by another customer.</summary>
    public bool IsCycle { get; }

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null) => Describe(Child, Parent, IsCycle, culture ?? CultureInfo.CurrentUICulture);

    private static string Describe(AssetId child, AssetId parent, bool cycle, CultureInfo culture) =>
        Strings.Format(cycle ? "Error_AssetCycle" : "Error_AssetOwnerMismatch", culture, child.Value, parent.Value);
}
