using System.Globalization;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Localization;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
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
        private Dictionary<AssetColumn, int> _columns = [];
        private IReadOnlyList<string> _headers = [];
        private int _headerLine;

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
                if (_columns.Count == 0)
                {
                    if (!TryHeader(row) && ++titleRows > options.MaxTitleRows)
                    {
                        throw new ImportFileException(file, row.Line, 0, AssetImportStrings.Format("Error_NoHeader", Culture, options.MaxTitleRows));
                    }

                    continue;
                }

                _results.Add(await ImportRowAsync(row, cancellationToken).ConfigureAwait(false));
            }

            if (_columns.Count == 0)
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
                HeaderLine = _headerLine,
                Headers = _headers,
                MappedColumns = _columns.ToDictionary(c => _headers[c.Value], c => c.Key.ToString(), StringComparer.Ordinal),
                UnmappedColumns = [.. _headers.Where(h => h.Length > 0 && AssetHeaders.Resolve(h) is null)],
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

        private bool TryHeader(SourceRow row)
        {
            var columns = new Dictionary<AssetColumn, int>();
            for (var i = 0; i < row.Cells.Length; i++)
            {
                if (AssetHeaders.Resolve(TextNormalizer.Clean(row.Cells[i])) is { } column)
                {
                    columns.TryAdd(column, i);
                }
            }

            if (columns.Count < 2)
            {
                return false;
            }

            _columns = columns;
            _headers = [.. row.Cells.Select(c => TextNormalizer.Clean(c) ?? string.Empty)];
            _headerLine = row.Line;
            return true;
        }

        private async Task<ImportRowResult> ImportRowAsync(SourceRow source, CancellationToken cancellationToken)
        {
            if (source.IsBlank)
            {
                return new ImportRowResult { Line = source.Line, Outcome = ImportOutcome.Skipped, Reason = ImportStrings.Get("Reason_Blank", Culture) };
            }

            if (_columns.Values.Count(i => i < source.Cells.Length && string.Equals(TextNormalizer.Clean(source.Cells[i]), _headers[i], StringComparison.Ordinal)) >= 2)
            {
                return new ImportRowResult { Line = source.Line, Outcome = ImportOutcome.Skipped, Reason = ImportStrings.Get("Reason_RepeatedHeader", Culture) };
            }

            var reader = new CellReader(source, _columns, _headers, Culture);
            var id = reader.Required(AssetColumn.Id, 64);
            var name = reader.Required(AssetColumn.Name, MaxText);
            var serial = reader.Required(AssetColumn.SerialNumber, MaxText);
            var model = reader.Required(AssetColumn.Model, MaxText);
            var owner = reader.Required(AssetColumn.Owner, 64);
            var installedOn = reader.Date(AssetColumn.InstalledOn, required: true);
            var warrantyEndsOn = reader.Date(AssetColumn.WarrantyEndsOn, required: false);
            var custodian = reader.Optional(AssetColumn.Custodian, MaxText);
            var parent = reader.Optional(AssetColumn.Parent, 64);
            if (reader.Problem is { } problem)
            {
                return problem;
            }

            if (warrantyEndsOn < installedOn)
            {
                return reader.Reject(AssetColumn.WarrantyEndsOn, AssetImportStrings.Format("Reason_WarrantyBeforeInstall", Culture, Iso(warrantyEndsOn!.Value), Iso(installedOn!.Value)));
            }

            var assetId = new AssetId(id!);
            var candidate = new Asset(assetId, name!, serial!, model!, new CustomerId(owner!), installedOn!.Value, warrantyEndsOn, custodian).ToState(1);

            if (_lineOf.TryGetValue(assetId, out var earlier))
            {
                return reader.Reject(AssetColumn.Id, AssetImportStrings.Format("Reason_DuplicateId", Culture, id, earlier));
            }

            if (_serials.TryGetValue(candidate.SerialNumber, out var holder) && holder != assetId)
            {
                return reader.Reject(AssetColumn.SerialNumber, AssetImportStrings.Format("Reason_SerialTaken", Culture, candidate.SerialNumber, holder.Value));
            }

            var stored = _known.GetValueOrDefault(assetId);
            if (stored is not null && stored.Owner != candidate.Owner)
            {
                return reader.Reject(AssetColumn.Owner, AssetImportStrings.Format("Reason_OwnerChanged", Culture, id, stored.Owner.Value));
            }

            if (parent is not null && HierarchyProblem(assetId, new AssetId(parent), candidate.Owner) is { } hierarchy)
            {
                return reader.Reject(AssetColumn.Parent, hierarchy);
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
                    return reader.Reject(AssetColumn.Id, ImportStrings.Format("Reason_Conflict", Culture, id));
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
            new() { Line = source.Line, Outcome = outcome, CustomerId = asset.Owner.Value };

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
