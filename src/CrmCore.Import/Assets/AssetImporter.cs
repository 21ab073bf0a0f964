using CrmCore.Assets;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using NodaTime;

namespace CrmCore.Import.Assets;

/// <summary>
/// Imports an asset table (document 004's installed base; CSV or .xlsx) into an <see cref="IAssetRepository"/>, so the same import
/// lands in memory, SQLite or PostgreSQL. Finds the header row by its Chinese or English headers (资产编号 / AssetId, 资产名称 / Name,
/// 序列号 / SerialNumber, 型号 / Model, 客户编号 / CustomerId, 保管人 / Custodian, 安装日期 / InstalledOn, 保修截止 / WarrantyEndsOn,
/// 上级资产 / Parent; see <see cref="ImportMappings.Assets"/>), reads the rows in order and gives every one exactly one outcome in the
/// <see cref="ImportReport"/>: inserted, updated (the maintenance history is kept), unchanged, skipped (blank, repeated header or totals)
/// or rejected with the column and the reason (a missing or invalid cell, a warranty ending before installation, a serial number of
/// another asset, an id twice in the file, an unknown parent, a parent that would make a cycle or belongs to another customer, a change
/// of owner, a concurrent change). A parent must be stored already or come on an earlier line. Rows are written in batches of 500.
/// Running an import again is safe: rows name their asset by id. Not thread-safe: one import at a time per instance.
/// </summary>
public sealed class AssetImporter : TableImporter<AssetField>
{
    private readonly IAssetRepository _assets;

    /// <summary>Creates an importer.</summary>
    /// <param name="assets">The store to write to.</param>
    /// <param name="options">The options; default <see cref="AssetImportOptions"/>' defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="assets"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="FileImportOptions.Audit"/> is set: an audit record needs the constructor with a clock.</exception>
    public AssetImporter(IAssetRepository assets, AssetImportOptions? options = null)
        : this(assets, NoLedgerClock.Instance, options)
    {
    }

    /// <summary>Creates an importer that can write audit records (<see cref="FileImportOptions.Audit"/>).</summary>
    /// <param name="assets">The store to write to.</param>
    /// <param name="clock">The clock for the audit trail's times.</param>
    /// <param name="options">The options; default <see cref="AssetImportOptions"/>' defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="assets"/> or <paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public AssetImporter(IAssetRepository assets, IClock clock, AssetImportOptions? options = null)
        : base(clock, (options ?? new AssetImportOptions()).ToTableOptions(), ImportMappings.Assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        _assets = assets;
    }

    /// <inheritdoc/>
    private protected override IRecordTable<AssetField> CreateTable() => new AssetTable(_assets);
}
