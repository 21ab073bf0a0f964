using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Assets;

/// <summary>
/// An asset as plain data, for stores: what <see cref="Asset.ToState"/> writes and <see cref="Asset.Restore"/> reads. The maintenance
/// history is a list in time order; the parent is an id (the hierarchy is checked by <see cref="AssetRegistry"/>). Immutable.
/// </summary>
public sealed record AssetState
{
    /// <summary>The id.</summary>
    public required AssetId Id { get; init; }

    /// <summary>The version (1 when first stored, one more per change); used by stores for optimistic concurrency.</summary>
    public required long Version { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The serial number.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>The model.</summary>
    public required string Model { get; init; }

    /// <summary>The owner customer.</summary>
    public required CustomerId Owner { get; init; }

    /// <summary>The install date.</summary>
    public required LocalDate InstalledOn { get; init; }

    /// <summary>The warranty's last day, or null.</summary>
    public LocalDate? WarrantyEndsOn { get; init; }

    /// <summary>The custodian, or null.</summary>
    public string? Custodian { get; init; }

    /// <summary>The parent asset, or null.</summary>
    public AssetId? Parent { get; init; }

    /// <summary>The maintenance history, oldest first; default empty.</summary>
    public IReadOnlyList<MaintenanceRecord> Maintenance { get; init; } = [];
}
