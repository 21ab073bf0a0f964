using CrmCore.Assets;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;

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
public sealed class AssetImporter
{
    private readonly IAssetRepository _assets;
    private readonly TableImportOptions<AssetField> _options;

    /// <summary>Creates an importer.</summary>
    /// <param name="assets">The store to write to.</param>
    /// <param name="options">The options; default <see cref="AssetImportOptions"/>' defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="assets"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public AssetImporter(IAssetRepository assets, AssetImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var given = options ?? new AssetImportOptions();
        given.Validate();
        _assets = assets;
        _options = new TableImportOptions<AssetField>
        {
            Mapping = given.Mapping,
            Format = given.Format,
            Encoding = given.Encoding,
            Culture = given.Culture,
            DryRun = given.DryRun,
            MaxTitleRows = given.MaxTitleRows,
        };
    }

    /// <summary>Imports a file.</summary>
    /// <param name="path">The CSV or .xlsx file.</param>
    /// <param name="cancellationToken">Cancels the import between rows; written batches stay written.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFileException">The file cannot be read as a table (missing, no header row, bad encoding, damaged workbook).</exception>
    public Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken = default) => Run().ImportAsync(path, cancellationToken);

    /// <summary>Imports a table from a stream.</summary>
    /// <param name="stream">The content; must be seekable for CSV encoding detection and for .xlsx.</param>
    /// <param name="name">The file name, for the format (when <see cref="AssetImportOptions.Format"/> is Auto) and for messages.</param>
    /// <param name="cancellationToken">Cancels the import between rows.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFileException">The content cannot be read as a table.</exception>
    public Task<ImportReport> ImportAsync(Stream stream, string name, CancellationToken cancellationToken = default) =>
        Run().ImportAsync(stream, name, cancellationToken);

    private TableImport<AssetField> Run() => new(new AssetTable(_assets), _options, ImportMappings.Assets, NoLedgerClock.Instance);
}
