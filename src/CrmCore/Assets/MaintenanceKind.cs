namespace CrmCore.Assets;

/// <summary>What kind of maintenance was done on an asset.</summary>
public enum MaintenanceKind
{
    /// <summary>A repair after a failure; counts as a failure in <see cref="AssetFailureAnalysis"/> when not linked to a ticket.</summary>
    Repair,

    /// <summary>A routine inspection or service.</summary>
    Inspection,

    /// <summary>A part was replaced.</summary>
    PartReplacement,

    /// <summary>A software or firmware update.</summary>
    Update,
}
