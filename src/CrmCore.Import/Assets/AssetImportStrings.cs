using System.Resources;
using CrmCore.Import.Localization;

namespace CrmCore.Import.Assets;

/// <summary>The row reasons of AssetImportStrings.resx (English, neutral) and AssetImportStrings.zh-Hans.resx, one field per <c>Reason_</c>
/// key (a test checks that every key has its field and every field its key). Thread-safe (immutable).</summary>
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

    /// <summary><c>Reason_ParentCycle</c>.</summary>
    public static readonly ImportReason ParentCycle = new("Reason_ParentCycle", Resources);

    /// <summary><c>Reason_ParentOtherCustomer</c>.</summary>
    public static readonly ImportReason ParentOtherCustomer = new("Reason_ParentOtherCustomer", Resources);
}
