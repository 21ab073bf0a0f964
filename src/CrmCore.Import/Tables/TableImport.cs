using System.Globalization;
using CrmCore.Desk;
using CrmCore.Import.Localization;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Imports;
using CrmCore.Normalization;
using NodaTime;

namespace CrmCore.Import.Tables;

/// <summary>
/// The import engine the ticket, plan, survey, article and asset importers share: finds the header row through the mapping, skips
/// blank rows, repeated headers and totals rows, stages rows in batches through an <see cref="IRecordTable{TField}"/>, writes each batch in one transaction
/// (all of it or none: on a conflict every written row of the batch is rejected with the reason), records the run and each batch in the
/// ledger and the run in the audit trail, and gives every row read exactly one outcome. One run per instance; not thread-safe.
/// </summary>
/// <typeparam name="TField">The entity's field enum.</typeparam>
internal sealed class TableImport<TField>(IRecordTable<TField> table, TableImportOptions<TField> options, ImportMapping<TField> builtIn, IClock clock)
    where TField : struct, Enum
{
    private static readonly HashSet<string> TotalsWords = new(["合计", "总计", "小计", "total", "sum", "totals"], StringComparer.OrdinalIgnoreCase);
    private readonly ImportMapping<TField> _mapping = options.Mapping ?? builtIn;
    private readonly List<ImportRowResult> _results = [];
    private IImportLedger? _ledger;
    private IReadOnlyList<ImportRun> _previous = [];
    private string? _runId;
    private TableColumns<TField>? _columns;
    private int _batches;

    private CultureInfo? Culture => options.Culture;

    /// <summary>The reasons of skipped rows, looked up once per run (a sheet may hold a million blank rows).</summary>
    private readonly RowReason _blank = ImportReasons.Blank.Text(options.Culture);
    private readonly RowReason _repeatedHeader = ImportReasons.RepeatedHeader.Text(options.Culture);
    private readonly RowReason _totals = ImportReasons.Totals.Text(options.Culture);

    /// <summary>Imports a file.</summary>
    public async Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken)
    {
        var stream = TableSource.Open(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ImportAsync(stream, path, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Imports a table from a stream.</summary>
    public async Task<ImportReport> ImportAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        var (rows, format, encoding, fileHash) = await TableSource.HashAndReadAsync(stream, name, options.Format, options.Encoding, cancellationToken, options.Culture).ConfigureAwait(false);
        await table.LoadAsync(cancellationToken).ConfigureAwait(false);
        await StartAsync(name, fileHash, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(rows, name, cancellationToken).ConfigureAwait(false);
        if (_ledger is not null && _runId is not null)
        {
            await _ledger.FinishAsync(_runId, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        }

        if (options.Audit is { } audit)
        {
            var entry = ImportAudit.Run(clock.GetCurrentInstant(), options.Actor, table.Entity, name, fileHash, _runId, Totals(), options.DryRun);
            await audit.AppendAsync([entry], cancellationToken).ConfigureAwait(false);
        }

        return new ImportReport
        {
            File = name,
            Entity = table.Entity,
            Format = format,
            Encoding = encoding,
            DryRun = options.DryRun,
            HeaderLine = _columns!.Line,
            Headers = _columns.Headers,
            MappedColumns = _columns.Mapped,
            UnmappedColumns = _mapping.Unmapped(_columns.Headers),
            Batches = _batches,
            Rows = _results,
            Totals = Totals(),
            RunId = _runId,
            FileHash = fileHash,
            PreviousRuns = _previous,
        };
    }

    private async Task StartAsync(string file, string fileHash, CancellationToken cancellationToken)
    {
        _ledger = options.DryRun || fileHash.Length == 0 ? null : options.Ledger;
        if (_ledger is null)
        {
            return;
        }

        (_previous, _runId) = await LedgerRun.StartAsync(_ledger, table.Entity, file, fileHash, options.MappingName, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(IEnumerable<SourceRow> rows, string file, CancellationToken cancellationToken)
    {
        var titleRows = 0;
        var batchStart = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_columns is null)
            {
                _columns = TableColumns<TField>.TryRead(row, _mapping);
                if (_columns is null && ++titleRows > options.MaxTitleRows)
                {
                    throw new ImportFileException(file, row.Line, 0, ImportStrings.Format("Error_NoHeaderIn", Culture, options.MaxTitleRows, table.HeaderHint));
                }

                continue;
            }

            _results.Add(await StageAsync(row, cancellationToken).ConfigureAwait(false));
            if (_results.Count - batchStart == options.BatchSize)
            {
                await WriteBatchAsync(batchStart, cancellationToken).ConfigureAwait(false);
                batchStart = _results.Count;
            }
        }

        if (_columns is null)
        {
            throw new ImportFileException(file, 0, 0, ImportStrings.Format("Error_NoHeader", Culture, table.HeaderHint));
        }

        if (_results.Count > batchStart)
        {
            await WriteBatchAsync(batchStart, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<ImportRowResult> StageAsync(SourceRow row, CancellationToken cancellationToken)
    {
        if (row.IsBlank)
        {
            return Skipped(row, _blank);
        }

        if (_columns!.IsRepeatedHeader(row))
        {
            return Skipped(row, _repeatedHeader);
        }

        if (Array.Find(row.Cells, c => !string.IsNullOrWhiteSpace(c)) is { } first && TotalsWords.Contains(TextNormalizer.Clean(first)!.TrimEnd(':', '：')))
        {
            return Skipped(row, _totals);
        }

        var reader = new FieldReader<TField>(row, _columns, _mapping, Culture);
        var result = await table.StageAsync(reader, cancellationToken).ConfigureAwait(false);
        // A rejection the table returns wins (it may carry more, such as the row's asset id); otherwise the first problem read.
        return result.Outcome == ImportOutcome.Rejected ? result : reader.Problem ?? result;
    }

    private async Task WriteBatchAsync(int start, CancellationToken cancellationToken)
    {
        _batches++;
        if (options.DryRun)
        {
            table.Commit();
            return;
        }

        try
        {
            var transaction = options.Transactions.BeginAllOrNothing();
            await using (transaction.ConfigureAwait(false))
            {
                await table.WriteAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            table.Commit();
        }
        catch (ConcurrencyConflictException conflict)
        {
            table.Abort();
            var reason = ImportReasons.BatchConflict.Format(Culture, conflict.Entity, _batches);
            for (var i = start; i < _results.Count; i++)
            {
                if (_results[i].Outcome is ImportOutcome.Inserted or ImportOutcome.Updated)
                {
                    _results[i] = _results[i] with
                    {
                        Outcome = ImportOutcome.Rejected,
                        Reason = reason.Text,
                        ReasonCode = reason.Code,
                    };
                }
            }
        }

        if (_ledger is not null && _runId is not null)
        {
            await _ledger.RecordBatchAsync(_runId, _batches, Totals(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static ImportRowResult Skipped(SourceRow row, RowReason reason) =>
        new() { Line = row.Line, Outcome = ImportOutcome.Skipped, Reason = reason.Text, ReasonCode = reason.Code };

    private ImportTotals Totals()
    {
        var counts = new int[Enum.GetValues<ImportOutcome>().Length];
        foreach (var result in _results)
        {
            counts[(int)result.Outcome]++;
        }

        return new ImportTotals
        {
            Inserted = counts[(int)ImportOutcome.Inserted],
            Updated = counts[(int)ImportOutcome.Updated],
            Unchanged = counts[(int)ImportOutcome.Unchanged],
            Merged = counts[(int)ImportOutcome.Merged],
            Held = counts[(int)ImportOutcome.Held],
            Rejected = counts[(int)ImportOutcome.Rejected],
            Skipped = counts[(int)ImportOutcome.Skipped],
        };
    }
}
