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
    private readonly ImportMapping<TField> _mapping = options.Mapping ?? builtIn;
    /// <summary>The open batch's outcomes and its rows' cells (a conflict rejects the batch's written rows with their cells, so the
    /// .xlsx report can be fixed and imported again); the outcomes go to the log, and the counts are taken, once the batch is done.</summary>
    private readonly List<ImportRowResult> _batch = [];
    private readonly List<string?[]> _batchCells = [];
    private readonly ImportRowLog _log = new(options.ReportMemoryRows);
    private readonly OutcomeCounts _counts = new();
    private IImportLedger? _ledger;
    private IReadOnlyList<ImportRun> _previous = [];
    private string? _runId;
    private TableColumns<TField>? _columns;
    private int _batches;
    private string _file = string.Empty;

    private CultureInfo? Culture => options.Culture;

    /// <summary>The reasons of skipped rows, looked up once per run (a sheet may hold a million blank rows).</summary>
    private readonly RowReason _blank = ImportReasons.Blank.Text(options.Culture);
    private readonly RowReason _repeatedHeader = ImportReasons.RepeatedHeader.Text(options.Culture);
    private readonly RowReason _totals = ImportReasons.Totals.Text(options.Culture);

    /// <summary>Imports a file.</summary>
    public async Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken)
    {
        var stream = TableSource.Open(path, options.Culture);
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
        _file = name;
        var (seekable, isCopy) = await TableSource.SeekableAsync(stream, name, options.Culture, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ImportSeekableAsync(seekable, name, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (isCopy)
            {
                await seekable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<ImportReport> ImportSeekableAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
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
            SharedFields = _mapping.Shared(_columns.Headers),
            Batches = _batches,
            Rows = _log,
            Totals = Totals(),
            RunId = _runId,
            FileHash = fileHash,
            PreviousRuns = _previous,
            Sheet = (rows as CountedRows)?.Sheet,
            OtherSheets = (rows as CountedRows)?.OtherSheets ?? [],
        };
    }

    private async Task StartAsync(string file, string fileHash, CancellationToken cancellationToken)
    {
        _ledger = options.DryRun || fileHash.Length == 0 ? null : options.Ledger;
        if (_ledger is null)
        {
            return;
        }

        (_previous, _runId) = await LedgerRun.StartAsync(_ledger, table.Entity, file, fileHash, options.MappingName, clock.GetCurrentInstant(), null, null, default, Culture, cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(IEnumerable<SourceRow> rows, string file, CancellationToken cancellationToken)
    {
        var sheet = (rows as CountedRows)?.Sheet;
        var search = new HeaderSearch(file, Culture, options.MaxTitleRows, _mapping.Maps);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_columns is null)
            {
                _columns = TableColumns<TField>.TryRead(row, _mapping);
                sheet ??= (rows as CountedRows)?.Sheet;
                if (_columns is not null)
                {
                    search.Found(row, sheet);
                }
                else
                {
                    search.PassedOver(row, sheet, () => new ImportFileException(file, row.Line, 0, ImportStrings.Format("Error_NoHeaderInTable", Culture, options.MaxTitleRows, table.HeaderHint)));
                }

                continue;
            }

            _batch.Add(await StageAsync(row, cancellationToken).ConfigureAwait(false));
            _batchCells.Add(row.Cells);
            if (_batch.Count == options.BatchSize)
            {
                await WriteBatchAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (_columns is null)
        {
            throw search.NotFound(sheet, () => new ImportFileException(file, 0, 0, ImportStrings.Format("Error_NoHeaderTable", Culture, table.HeaderHint)));
        }

        if (_batch.Count > 0)
        {
            await WriteBatchAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<ImportRowResult> StageAsync(SourceRow row, CancellationToken cancellationToken)
    {
        if (row.Problem?.FirstRead((_columns!, row), static (s, column) => s.Item1.Reads(s.row, column)) is { } unreadable && !TotalsRow.Is(row.Cells))
        {
            // A row the reader could not read as the file holds it (a repeated JSON key, a formula without a saved value) is rejected;
            // a totals row is skipped whatever its values.
            var header = unreadable.Column < _columns!.Headers.Count ? _columns.Headers[unreadable.Column] : string.Empty;
            return new ImportRowResult
            {
                Line = row.Line,
                Outcome = ImportOutcome.Rejected,
                Column = header.Length > 0 ? header : null,
                ColumnNumber = unreadable.Column + 1,
                Reason = unreadable.Reason.Text,
                ReasonCode = unreadable.Reason.Code,
                Cells = row.Cells,
            };
        }

        if (row.IsBlank)
        {
            return Skipped(row, _blank);
        }

        if (_columns!.IsRepeatedHeader(row))
        {
            return Skipped(row, _repeatedHeader);
        }

        if (TotalsRow.Is(row.Cells))
        {
            return Skipped(row, _totals);
        }

        var reader = new FieldReader<TField>(row, _columns, _mapping, Culture);
        var result = await table.StageAsync(reader, cancellationToken).ConfigureAwait(false);
        // A rejection the table returns wins (it may carry more, such as the row's asset id); otherwise the first problem read.
        return result.Outcome == ImportOutcome.Rejected ? result : reader.Problem ?? result;
    }

    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        _batches++;
        if (options.DryRun)
        {
            table.Commit();
            EndBatch();
            return;
        }

        try
        {
            // Disposed explicitly: a clean-up failure of the roll-back goes with the failure that caused it (a conflict stays a conflict).
            var transaction = options.Transactions.BeginAllOrNothing();
            try
            {
                await table.WriteAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure)
            {
                await transaction.DisposeAfterAsync(failure).ConfigureAwait(false);
                throw;
            }

            await transaction.DisposeAsync().ConfigureAwait(false);

            table.Commit();
        }
        catch (ConcurrencyConflictException conflict)
        {
            table.Abort();
            if (conflict.Data[StoreTransactionFailures.DataKey] is Exception[] { Length: > 0 } cleanup)
            {
                // The roll-back's own work failed: what the stores hold beside the database may be off, so the import stops, saying both.
                throw new InvalidOperationException(
                    ImportStrings.Format("Error_BatchConflictCleanUp", Culture, _batches, table.Entity, _file, conflict.Entity), new AggregateException([conflict, .. cleanup]));
            }

            var reason = ImportReasons.BatchConflict.Format(Culture, conflict.Entity, _batches);
            for (var i = 0; i < _batch.Count; i++)
            {
                if (_batch[i].Outcome is ImportOutcome.Inserted or ImportOutcome.Updated)
                {
                    _batch[i] = _batch[i] with
                    {
                        Outcome = ImportOutcome.Rejected,
                        Reason = reason.Text,
                        ReasonCode = reason.Code,
                        Cells = _batchCells[i],
                    };
                }
            }
        }

        EndBatch();
        if (_ledger is not null && _runId is not null)
        {
            await _ledger.RecordBatchAsync(_runId, _batches, Totals(), clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts the batch's outcomes and moves them to the report's log (bounded in memory whatever the row count).</summary>
    private void EndBatch()
    {
        foreach (var result in _batch)
        {
            _counts.Add(result.Outcome);
        }

        _log.AddRange(_batch);
        _batch.Clear();
        _batchCells.Clear();
    }

    private static ImportRowResult Skipped(SourceRow row, RowReason reason) =>
        new() { Line = row.Line, Outcome = ImportOutcome.Skipped, Reason = reason.Text, ReasonCode = reason.Code };

    /// <summary>The totals of the batches done (a batch's outcomes are final once it is written).</summary>
    private ImportTotals Totals() => _counts.Totals();
}
