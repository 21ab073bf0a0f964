namespace CrmCore.Assets;

/// <summary>An asset's warranty on a given day.</summary>
public enum WarrantyStatus
{
    /// <summary>No warranty end is known for the asset.</summary>
    Unknown,

    /// <summary>The day is on or before the warranty's last day (and not before installation).</summary>
    UnderWarranty,

    /// <summary>The warranty ended before the day.</summary>
    Expired,

    /// <summary>The day is before the asset was installed.</summary>
    NotInstalled,
}
