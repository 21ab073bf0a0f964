using System.Resources;
using CrmCore.Import.Localization;

namespace CrmCore.Import.Assets;

/// <summary>The row reasons of AssetImportStrings.resx (English, neutral) and AssetImportStrings.zh-Hans.resx, one field per <c>Reason_</c>
/// key (a test checks that every key has its field and every field its key), and the reasons the domain words (no key). Thread-safe
/// (immutable).</summary>
internal static class AssetImportStrings
{
    /// <summary>The resources.</summary>
    internal static ResourceManager Resources { get; } = new("CrmCore.Import.Assets.AssetImportStrings", typeof(AssetImportStrings).Assembly);

    /// <summary><c>Reason_SerialTaken</c>.</summary>
    public static readonly ImportReason SerialTaken = new("Reason_SerialTaken", Resources);

    /// <summary><c>Reason_DuplicateKey</c> (code <c>DuplicateKey</c>, as the other importers' duplicate keys; was <c>DuplicateId</c>).</summary>
    public static readonly ImportReason DuplicateKey = new("Reason_DuplicateKey", Resources);

    /// <summary><c>Reason_ParentUnknown</c>.</summary>
    public static readonly ImportReason ParentUnknown = new("Reason_ParentUnknown", Resources);

    /// <summary><c>Reason_CustomerChanged_Asset</c>: code <c>CustomerChanged</c>, as for tickets, plans and surveys.</summary>
    public static readonly ImportReason OwnerChanged = new("Reason_CustomerChanged_Asset", Resources);

    /// <summary><c>Reason_WarrantyBeforeInstall</c>.</summary>
    public static readonly ImportReason WarrantyBeforeInstall = new("Reason_WarrantyBeforeInstall", Resources);

    /// <summary>Code <c>ParentCycle</c>, worded by the domain: the message of <see cref="CrmCore.Assets.AssetHierarchyException"/> for a
    /// cycle (<c>Error_AssetCycle</c> of CrmCore), which the import does not word again.</summary>
    public static readonly ImportReason ParentCycle = ImportReason.WordedElsewhere("Reason_ParentCycle");

    /// <summary>Code <c>ParentOtherCustomer</c>, worded by the domain: the message of <see cref="CrmCore.Assets.AssetHierarchyException"/>
    /// for a parent of another customer (<c>Error_AssetOwnerMismatch</c> of CrmCore).</summary>
    public static readonly ImportReason ParentOtherCustomer = ImportReason.WordedElsewhere("Reason_ParentOtherCustomer");
}
