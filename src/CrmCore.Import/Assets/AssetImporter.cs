using System.Globalization;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Localization;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Imports;
using CrmCore.Normalization;

namespace CrmCore.Import.Assets;

/// <summary>
/// Imports an asset table (document 004's installed base; CSV or .xlsx) into an <see cref="IAssetRepository"/>, so the same import
/// lands in memory, SQLite or PostgreSQL. Finds the header row by its Chinese or English headers (资产编号 / AssetId, 资产名称 / Name,
/// 序列号 / SerialNumber, 型号 / Model, 客户编号 / CustomerId, 保管人 / Custodian, 安装日期 / InstalledOn, 保修截止 / WarrantyEndsOn,
/// 上级资产 / Parent), reads the rows in order and gives every one exactly one outcome in the <see cref="ImportReport"/>: inserted,
/// updated (the maintenance history is kept), unchanged, skipped (blank or repeated header) or rejected with the column and the reason
/// (a missing or invalid cell, a warranty ending before installation, a serial number of another asset, an id twice in the file, an
/// unknown parent, a parent that would make a cycle or belongs to another customer, a change of owner). A parent must be stored
/// already or come on an earlier line. Running an import again is safe: rows name their asset by id. Not thread-safe: one import at a
/// time per instance.
/// </summary>
public sealed class AssetImporter
{
    private const int MaxText = 200;
    private readonly IAssetRepository _assets;
    private readonly AssetImportOptions _options;

    /// <summary>Creates an importer.</summary>
    /// <param name="assets">The store to write to.</param>
    /// <param name="options">The options; default <see cref="AssetImportOptions"/>' defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="assets"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public AssetImporter(IAssetRepository assets, AssetImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assets);
        _assets = assets;
        _options = options ?? new AssetImportOptions();
        _options.Validate();
    }

    /// <summary>Imports a file.</summary>
    /// <param name="path">The CSV or .xlsx file.</param>
    /// <param name="cancellationToken">Cancels the import between rows; rows already written stay written.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFileException">The file cannot be read as a table (missing, no header row, bad encoding, damaged workbook).</exception>
    public async Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = TableSource.Open(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ImportAsync(stream, path, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Imports a table from a stream.</summary>
    /// <param name="stream">The content; must be seekable for CSV encoding detection and for .xlsx.</param>
    /// <param name="name">The file name, for the format (when <see cref="AssetImportOptions.Format"/> is Auto) and for messages.</param>
    /// <param name="cancellationToken">Cancels the import between rows.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFileException">The content cannot be read as a table.</exception>
    public async Task<ImportReport> ImportAsync(Stream stream, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        var (rows, format, encoding) = TableSource.Read(stream, name, _options.Format, _options.Encoding);
        var run = new AssetImportRun(_assets, _options, name);
        await run.ExecuteAsync(rows, cancellationToken).ConfigureAwait(false);
        return run.Report(format, encoding);
    }

    /// <summary>The state of one import.</summary>
    private sealed class AssetImportRun(IAssetRepository store, AssetImportOptions options, string file)
    {
        private readonly Dictionary<AssetId, AssetState> _known = [];
        private readonly Dictionary<string, AssetId> _serials = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<AssetId, int> _lineOf = [];
        private readonly List<ImportRowResult> _results = [];
        private readonly ImportMapping<AssetField> _mapping = options.Mapping ?? ImportMappings.Assets;
        private TableColumns<AssetField>? _columns;

        private CultureInfo? Culture => options.Culture;

        public async Task ExecuteAsync(IEnumerable<SourceRow> rows, CancellationToken cancellationToken)
        {
            await foreach (var stored in store.ListAsync(null, cancellationToken).ConfigureAwait(false))
            {
                _known[stored.Id] = stored;
                _serials[stored.SerialNumber] = stored.Id;
            }

            var titleRows = 0;
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_columns is null)
                {
                    _columns = TableColumns<AssetField>.TryRead(row, _mapping);
                    if (_columns is null && ++titleRows > options.MaxTitleRows)
                    {
                        throw new ImportFileException(file, row.Line, 0, AssetImportStrings.Format("Error_NoHeader", Culture, options.MaxTitleRows));
                    }

                    continue;
                }

                var result = await ImportRowAsync(row, cancellationToken).ConfigureAwait(false);
                if (result.Outcome == ImportOutcome.Rejected && _columns.TryGetIndex(AssetField.Id, out var idColumn) && TextNormalizer.Clean(row[idColumn]) is { Length: <= 64 } assetId)
                {
                    result = result with { AssetId = assetId };
                }

                _results.Add(result);
            }

            if (_columns is null)
            {
                throw new ImportFileException(file, 0, 0, AssetImportStrings.Format("Error_NoHeader", Culture, options.MaxTitleRows));
            }
        }

        public ImportReport Report(string format, string encoding)
        {
            int Count(ImportOutcome outcome) => _results.Count(r => r.Outcome == outcome);
            return new ImportReport
            {
                File = file,
                Entity = "assets",
                Format = format,
                Encoding = encoding,
                DryRun = options.DryRun,
                HeaderLine = _columns!.Line,
                Headers = _columns.Headers,
                MappedColumns = _columns.Mapped,
                UnmappedColumns = _mapping.Unmapped(_columns.Headers),
                Batches = _results.Count == 0 ? 0 : 1,
                Rows = _results,
                Totals = new ImportTotals
                {
                    Inserted = Count(ImportOutcome.Inserted),
                    Updated = Count(ImportOutcome.Updated),
                    Unchanged = Count(ImportOutcome.Unchanged),
                    Rejected = Count(ImportOutcome.Rejected),
                    Skipped = Count(ImportOutcome.Skipped),
                },
            };
        }

        private async Task<ImportRowResult> ImportRowAsync(SourceRow source, CancellationToken cancellationToken)
        {
            if (source.IsBlank)
            {
                return new ImportRowResult { Line = source.Line, Outcome = ImportOutcome.Skipped, Reason = ImportStrings.Get("Reason_Blank", Culture) };
            }

            if (_columns!.IsRepeatedHeader(source))
            {
                return new ImportRowResult { Line = source.Line, Outcome = ImportOutcome.Skipped, Reason = ImportStrings.Get("Reason_RepeatedHeader", Culture) };
            }

            var reader = new FieldReader<AssetField>(source, _columns, _mapping, Culture);
            var id = reader.Required(AssetField.Id, 64);
            var name = reader.Required(AssetField.Name, MaxText);
            var serial = reader.Required(AssetField.SerialNumber, MaxText);
            var model = reader.Required(AssetField.Model, MaxText);
            var owner = reader.Required(AssetField.Owner, 64);
            var installedOn = reader.Date(AssetField.InstalledOn, required: true);
            var warrantyEndsOn = reader.Date(AssetField.WarrantyEndsOn, required: false);
            var custodian = reader.Optional(AssetField.Custodian, MaxText);
            var parent = reader.Optional(AssetField.Parent, 64);
            if (reader.Problem is { } problem)
            {
                return problem;
            }

            if (warrantyEndsOn < installedOn)
            {
                return reader.Reject(AssetField.WarrantyEndsOn, AssetImportStrings.Format("Reason_WarrantyBeforeInstall", Culture, Iso(warrantyEndsOn!.Value), Iso(installedOn!.Value)));
            }

            var assetId = new AssetId(id!);
            var candidate = new Asset(assetId, name!, serial!, model!, new CustomerId(owner!), installedOn!.Value, warrantyEndsOn, custodian).ToState(1);

            if (_lineOf.TryGetValue(assetId, out var earlier))
            {
                return reader.Reject(AssetField.Id, AssetImportStrings.Format("Reason_DuplicateId", Culture, id, earlier));
            }

            if (_serials.TryGetValue(candidate.SerialNumber, out var holder) && holder != assetId)
            {
                return reader.Reject(AssetField.SerialNumber, AssetImportStrings.Format("Reason_SerialTaken", Culture, candidate.SerialNumber, holder.Value));
            }

            var stored = _known.GetValueOrDefault(assetId);
            if (stored is not null && stored.Owner != candidate.Owner)
            {
                return reader.Reject(AssetField.Owner, AssetImportStrings.Format("Reason_OwnerChanged", Culture, id, stored.Owner.Value));
            }

            if (parent is not null && HierarchyProblem(assetId, new AssetId(parent), candidate.Owner) is { } hierarchy)
            {
                return reader.Reject(AssetField.Parent, hierarchy);
            }

            candidate = candidate with
            {
                Parent = parent is null ? null : new AssetId(parent),
                Maintenance = stored?.Maintenance ?? [],
                Version = (stored?.Version ?? 0) + 1,
            };
            _lineOf[assetId] = source.Line;
            if (stored is not null && Same(stored, candidate))
            {
                return Accepted(source, candidate, ImportOutcome.Unchanged);
            }

            if (!options.DryRun)
            {
                try
                {
                    await store.SaveAsync(candidate, stored?.Version ?? 0, cancellationToken).ConfigureAwait(false);
                }
                catch (ConcurrencyConflictException)
                {
                    return reader.Reject(AssetField.Id, ImportStrings.Format("Reason_Conflict", Culture, id));
                }
            }

            if (stored is not null)
            {
                _serials.Remove(stored.SerialNumber);
            }

            _known[assetId] = candidate;
            _serials[candidate.SerialNumber] = assetId;
            return Accepted(source, candidate, stored is null ? ImportOutcome.Inserted : ImportOutcome.Updated);
        }

        private static string Iso(NodaTime.LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

        private static ImportRowResult Accepted(SourceRow source, AssetState asset, ImportOutcome outcome) =>
            new() { Line = source.Line, Outcome = outcome, CustomerId = asset.Owner.Value, AssetId = asset.Id.Value };

        private static bool Same(AssetState a, AssetState b) =>
            a.Name == b.Name && a.SerialNumber == b.SerialNumber && a.Model == b.Model && a.InstalledOn == b.InstalledOn
            && a.WarrantyEndsOn == b.WarrantyEndsOn && a.Custodian == b.Custodian && a.Parent == b.Parent;

        /// <summary>Why <paramref name="child"/> cannot go under <paramref name="parent"/>, or null.</summary>
        private string? HierarchyProblem(AssetId child, AssetId parent, CustomerId owner)
        {
            if (!_known.TryGetValue(parent, out var parentState))
            {
                return AssetImportStrings.Format("Reason_ParentUnknown", Culture, parent.Value);
            }

            var steps = 0;
            for (AssetId? at = parent; at is { } current && steps <= _known.Count; at = _known.GetValueOrDefault(current)?.Parent, steps++)
            {
                if (current == child)
                {
                    return new AssetHierarchyException(child, parent, cycle: true).LocalizedMessage(Culture);
                }
            }

            return parentState.Owner != owner ? new AssetHierarchyException(child, parent, cycle: false).LocalizedMessage(Culture) : null;
        }
    }
}
