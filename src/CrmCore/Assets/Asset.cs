using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Assets;

/// <summary>
/// An installed asset (document 004: installed base): name, serial number, model, owner customer, custodian, install date, warranty
/// end, parent in a hierarchy and maintenance history. The hierarchy is kept by <see cref="AssetRegistry"/>, which refuses cycles.
/// Changes state only through methods. Not thread-safe.
/// </summary>
public sealed class Asset
{
    private readonly List<MaintenanceRecord> _maintenance = [];

    /// <summary>Creates an asset.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The name, for example <c>3 号生产线 PLC</c>; not blank.</param>
    /// <param name="serialNumber">The serial number; not blank.</param>
    /// <param name="model">The model, for example <c>S7-1200</c>; not blank. Models are compared ordinally, ignoring case.</param>
    /// <param name="owner">The customer who owns it.</param>
    /// <param name="installedOn">The install date.</param>
    /// <param name="warrantyEndsOn">The warranty's last day; null when unknown. Must not be before <paramref name="installedOn"/>.</param>
    /// <param name="custodian">Who looks after it at the customer (a contact name); null when unknown.</param>
    /// <exception cref="ArgumentException">A text is blank, or the warranty ends before installation.</exception>
    public Asset(AssetId id, string name, string serialNumber, string model, CustomerId owner, LocalDate installedOn, LocalDate? warrantyEndsOn = null, string? custodian = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(serialNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (warrantyEndsOn < installedOn)
        {
            throw new ArgumentException($"Asset {id}: the warranty ends on {warrantyEndsOn:yyyy-MM-dd}, before installation on {installedOn:yyyy-MM-dd}.", nameof(warrantyEndsOn));
        }

        Id = id;
        Name = name.Trim();
        SerialNumber = serialNumber.Trim();
        Model = model.Trim();
        Owner = owner;
        InstalledOn = installedOn;
        WarrantyEndsOn = warrantyEndsOn;
        Custodian = string.IsNullOrWhiteSpace(custodian) ? null : custodian.Trim();
    }

    /// <summary>The id.</summary>
    public AssetId Id { get; }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The serial number.</summary>
    public string SerialNumber { get; }

    /// <summary>The model.</summary>
    public string Model { get; }

    /// <summary>The owner customer.</summary>
    public CustomerId Owner { get; }

    /// <summary>Who looks after it at the customer; null when unknown.</summary>
    public string? Custodian { get; private set; }

    /// <summary>The install date.</summary>
    public LocalDate InstalledOn { get; }

    /// <summary>The warranty's last day; null when unknown.</summary>
    public LocalDate? WarrantyEndsOn { get; private set; }

    /// <summary>The parent asset (for example the production line a controller belongs to); null for a top-level asset. Set through <see cref="AssetRegistry.SetParent"/>.</summary>
    public AssetId? Parent { get; internal set; }

    /// <summary>The maintenance history, oldest first.</summary>
    public IReadOnlyList<MaintenanceRecord> Maintenance => _maintenance;

    /// <summary>The warranty status on a day.</summary>
    /// <param name="date">The day.</param>
    /// <returns>The status.</returns>
    public WarrantyStatus WarrantyOn(LocalDate date) =>
        date < InstalledOn ? WarrantyStatus.NotInstalled
        : WarrantyEndsOn is not { } end ? WarrantyStatus.Unknown
        : date <= end ? WarrantyStatus.UnderWarranty
        : WarrantyStatus.Expired;

    /// <summary>The warranty status at an instant, judged on the local date in <paramref name="zone"/>.</summary>
    /// <param name="instant">The instant (for example when a ticket was raised).</param>
    /// <param name="zone">The zone the warranty dates are in.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public WarrantyStatus WarrantyAt(Instant instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return WarrantyOn(instant.InZone(zone).Date);
    }

    /// <summary>Changes the custodian.</summary>
    /// <param name="custodian">The new custodian; null or blank for unknown.</param>
    public void ChangeCustodian(string? custodian) => Custodian = string.IsNullOrWhiteSpace(custodian) ? null : custodian.Trim();

    /// <summary>Extends the warranty (for example after a service contract is bought).</summary>
    /// <param name="endsOn">The new last day; must not be before the current one.</param>
    /// <exception cref="ArgumentException"><paramref name="endsOn"/> is before the current end or the install date.</exception>
    public void ExtendWarranty(LocalDate endsOn)
    {
        if (endsOn < InstalledOn || endsOn < WarrantyEndsOn)
        {
            throw new ArgumentException($"Asset {Id}: a warranty cannot be shortened to {endsOn:yyyy-MM-dd}.", nameof(endsOn));
        }

        WarrantyEndsOn = endsOn;
    }

    /// <summary>Adds a maintenance record, keeping the history in time order.</summary>
    /// <param name="record">The record.</param>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ArgumentException">Its summary or author is blank.</exception>
    public void RecordMaintenance(MaintenanceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Summary, nameof(record));
        ArgumentException.ThrowIfNullOrWhiteSpace(record.By, nameof(record));
        var index = _maintenance.FindLastIndex(m => m.At <= record.At) + 1;
        _maintenance.Insert(index, record);
    }

    /// <summary>The stored form of this asset with a version.</summary>
    /// <param name="version">The version to stamp (the stored one plus one when saving a change; 1 for a new asset).</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    public AssetState ToState(long version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new AssetState
        {
            Id = Id,
            Version = version,
            Name = Name,
            SerialNumber = SerialNumber,
            Model = Model,
            Owner = Owner,
            InstalledOn = InstalledOn,
            WarrantyEndsOn = WarrantyEndsOn,
            Custodian = Custodian,
            Parent = Parent,
            Maintenance = [.. _maintenance],
        };
    }

    /// <summary>Brings a stored asset back. The parent link is taken as stored; add the asset to an <see cref="AssetRegistry"/> to check
    /// the hierarchy.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The asset.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The state is invalid (a blank text, the warranty ending before installation, a blank maintenance summary or author).</exception>
    public static Asset Restore(AssetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var asset = new Asset(state.Id, state.Name, state.SerialNumber, state.Model, state.Owner, state.InstalledOn, state.WarrantyEndsOn, state.Custodian)
        {
            Parent = state.Parent,
        };
        foreach (var record in state.Maintenance)
        {
            asset.RecordMaintenance(record);
        }

        return asset;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Name} ({Model} #{SerialNumber})";
}
