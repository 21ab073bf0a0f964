using System.Runtime.CompilerServices;
using CrmCore.Imports;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Localization;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Import.Tables;
using CrmCore.Import.Reports;
using CrmCore.Normalization;
using NodaTime;

namespace CrmCore.Import.Customers;

/// <summary>
/// Imports a customer table (CSV or .xlsx) into the desk's <see cref="ICustomerRepository"/>, so the same import lands in memory,
/// SQLite or PostgreSQL. Finds the header row (title rows above it are allowed), maps columns (<see cref="CustomerImportOptions.Mapping"/>),
/// normalises every cell, rejects rows with invalid cells (line, column and reason), skips blank, repeated-header and totals rows,
/// matches each row against the store and the rows before it (id, then phone, e-mail and company name) and applies the
/// <see cref="MergePolicy"/>, then writes batch by batch. Every row read gets exactly one outcome in the <see cref="ImportReport"/>.
/// <para>
/// Running an import again is safe: rows name their customer by id (or by an id derived from the company name), so an import that
/// was interrupted and is run again updates what the first run wrote (outcome <see cref="ImportOutcome.Unchanged"/>) and inserts the
/// rest, with no duplicates. A batch is validated and matched as a whole before any write; its customers are then written in one
/// transaction when the store is an <see cref="ICustomerBatchRepository"/> (memory, SQLite, PostgreSQL): all or none. Other stores
/// are written customer by customer. With <see cref="CustomerImportOptions.Ledger"/> each run is recorded (file hash, mapping,
/// outcome counts per batch) and a file imported before is named in <see cref="ImportReport.PreviousRuns"/>; the rows an earlier run of
/// the same content, mapping and options that change outcomes committed are then not applied again (unchanged, reason code
/// <c>AlreadyImported</c>; nothing is written; <see cref="CustomerImportOptions.Force"/> applies them all the same),
/// and a run after an interrupted one applies the rest as the interrupted run would have. A run under
/// <see cref="MergePolicy.HoldForReview"/> applies every row, and is never resumed from: the rows it held were not written, so the
/// next run applies them; with
/// <see cref="CustomerImportOptions.Audit"/> each batch, each run and each customer written leaves an audit record.
/// </para>
/// Not thread-safe: one import at a time per instance.
/// </summary>
public sealed class CustomerImporter
{
    private readonly ICustomerRepository _customers;
    private readonly IClock _clock;
    private readonly CustomerImportOptions _options;

    /// <summary>Creates an importer.</summary>
    /// <param name="customers">The store to write to.</param>
    /// <param name="clock">The clock (creation instants and the default first-contact date).</param>
    /// <param name="options">The options; default <see cref="CustomerImportOptions"/>'s defaults.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public CustomerImporter(ICustomerRepository customers, IClock clock, CustomerImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(clock);
        _customers = customers;
        _clock = clock;
        _options = options ?? new CustomerImportOptions();
        _options.Validate();
    }

    /// <summary>Imports a file.</summary>
    /// <param name="path">The file: CSV, .xlsx, JSON or JSON Lines (by its extension unless <see cref="CustomerImportOptions.Format"/> says
    /// which; a workbook under another name is read as the workbook it is).</param>
    /// <param name="cancellationToken">Cancels the import between rows; batches already written stay written.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The path is null, empty or white space.</exception>
    /// <exception cref="ImportFileException">The file cannot be read as a table (missing, a folder, no header row, bad encoding, damaged
    /// workbook).</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled.</exception>
    public async Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = TableSource.Open(path, _options.Culture);
        await using (stream.ConfigureAwait(false))
        {
            return await ImportAsync(stream, path, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Imports a table from a stream.</summary>
    /// <param name="stream">The content, from its current position; left open. A stream that cannot seek (an upload, a network stream) is
    /// first copied to a temporary file, deleted when the import ends: the readers detect the encoding, the delimiter and the format,
    /// and the ledger recognises a file by its hash, which all need to read the content more than once.</param>
    /// <param name="name">The file name, for the format (when <see cref="CustomerImportOptions.Format"/> is Auto) and for messages.</param>
    /// <param name="cancellationToken">Cancels the import between rows.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFileException">The content cannot be read as a table.</exception>
    /// <exception cref="IOException">A stream that cannot seek could not be copied to a temporary file (the disk is full, or the stream
    /// failed).</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled.</exception>
    public async Task<ImportReport> ImportAsync(Stream stream, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        var (seekable, isCopy) = await TableSource.SeekableAsync(stream, name, _options.Culture, cancellationToken).ConfigureAwait(false);
        try
        {
            var (rows, formatName, encodingName, fileHash) = await TableSource.HashAndReadAsync(seekable, name, _options.Format, _options.Encoding, cancellationToken, _options.Culture).ConfigureAwait(false);
            // Rows are measured in the file's own encoding (ExpectedRows), so the length of a UTF-16 or GB18030 file sizes the guess as well.
            var textBytes = formatName != "csv" ? 0 : seekable.Length - seekable.Position;
            return await ImportAsync(rows, name, formatName, encodingName, fileHash, textBytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (isCopy)
            {
                await seekable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Imports rows already read (tests give their own rows): as a CSV of unknown length, its name standing for the file hash.</summary>
    internal Task<ImportReport> ImportRowsAsync(IEnumerable<SourceRow> rows, string name, CancellationToken cancellationToken = default) =>
        ImportAsync(rows, name, "csv", "utf-8", name, 0, cancellationToken);

    private async Task<ImportReport> ImportAsync(
        IEnumerable<SourceRow> rows, string name, string formatName, string encodingName, string fileHash, long textBytes, CancellationToken cancellationToken)
    {
        var run = new Run(this, name, formatName, encodingName, fileHash, textBytes);
        await run.StartAsync(cancellationToken).ConfigureAwait(false);
        await run.ExecuteAsync(rows, cancellationToken).ConfigureAwait(false);
        await run.FinishAsync(cancellationToken).ConfigureAwait(false);
        return run.Report();
    }

    /// <summary>Whether report rows that say no more than outcome, line, customer and notes are kept as <see cref="LoggedRow.Plain"/>
    /// rows (true) or as result objects like any other row (false: the general path, which tests compare them with).</summary>
    internal bool PlainRowsCompact { get; init; } = true;

    private static string DerivedId(string prefix, string nameKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(nameKey));
        return prefix + Convert.ToHexString(hash, 0, 6);
    }

    /// <summary>A customer the batch works on: the aggregate (read from the store, or created and then changed by a later row), or the
    /// state of one the batch created and left as created; and the version read from the store (0 for a new customer).</summary>
    private readonly record struct Working(Customer? Customer, CustomerState? Fresh, long ReadVersion);

    /// <summary>The row-only result for one row: why it is skipped, or its values and their problems, its company-name key, and for a
    /// valid row without an id the id it would be inserted under (derived from the name).</summary>
    private readonly record struct Prepared(RowReason? Skipped, CustomerRow? Row, List<CellProblem>? Problems, string NameKey, CustomerId? Derived = null);

    /// <summary>
    /// The batch being written: its instant (read when its first piece arrives), its rows (a conflict rejects rows with their cells), the
    /// customers it works on and the stored states it read; with a store key index, its prepared rows until the batch is whole (the
    /// store is asked once for every key of the batch before any row is matched). One instance serves every batch of a run, emptied when
    /// a batch is written, so its containers keep their capacity rather than being built again (and promoted) batch after batch.
    /// </summary>
    private sealed class OpenBatch(int expectedRows)
    {
        public Instant Now { get; private set; }

        public List<SourceRow> Rows { get; } = new(expectedRows);

        public List<Prepared> Waiting { get; } = [];

        public Dictionary<CustomerId, Working> Working { get; } = new(expectedRows);

        public Dictionary<CustomerId, CustomerState> ReadStates { get; } = [];

        /// <summary>The customers' states to write, in the order the batch worked on them (reused when the store saves one by one).</summary>
        public List<(CustomerState State, long ExpectedVersion)> Writes { get; } = new(expectedRows);

        /// <summary>Opens the batch at an instant, empty.</summary>
        public OpenBatch Open(Instant now)
        {
            Now = now;
            Clear();
            return this;
        }

        /// <summary>Lets go of everything the batch held (its rows, customers and states), keeping the containers' room.</summary>
        public void Clear()
        {
            Rows.Clear();
            Waiting.Clear();
            Working.Clear();
            ReadStates.Clear();
            Writes.Clear();
        }
    }

    /// <summary>
    /// About how many rows a CSV text of <paramref name="textBytes"/> bytes has, from the rows read so far: the length divided by the
    /// longest of them, measured in the file's encoding (a GB18030 character takes 2 bytes where UTF-8 takes 3, every UTF-16 one at least
    /// 2) as the bytes it takes in the file when written as spreadsheets write CSV: a separator per cell (the last one standing for the
    /// line feed) and a carriage return, and the quotes a cell holding a comma, a quote or a line break must have. A low guess only
    /// leaves growth to do; a high one would reserve memory for customers that never come (a mean row size, taken from short first rows
    /// of a file of long ones, overshoots many times; a row measured shorter than it is, in another encoding, too). The guess stays at
    /// or below the file's rows except for a file that quotes cells that need no quotes, where it can be high by those quotes' share of
    /// a row (two per cell at most).
    /// </summary>
    /// <param name="rows">The rows read so far.</param>
    /// <param name="textBytes">The length of the text in bytes.</param>
    /// <param name="encoding">The file's encoding (the CSV reader's); UTF-8 when null.</param>
    internal static int ExpectedRows(IReadOnlyList<SourceRow> rows, long textBytes, Encoding? encoding = null)
    {
        // Counting only: a character the encoding cannot write (none, for text read in it) counts as its replacement.
        var measure = (Encoding)(encoding ?? Encoding.UTF8).Clone();
        measure.EncoderFallback = EncoderFallback.ReplacementFallback;
        var separator = measure.GetByteCount(",");
        var quote = measure.GetByteCount("\"");
        var carriageReturn = measure.GetByteCount("\r");
        long longest = 1;
        foreach (var row in rows)
        {
            long bytes = carriageReturn;
            foreach (var cell in row.Cells)
            {
                bytes += separator;
                if (cell is null)
                {
                    continue;
                }

                bytes += measure.GetByteCount(cell);
                if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                {
                    // Quoted in the file, its own quotes doubled.
                    bytes += quote * (2L + cell.AsSpan().Count('"'));
                }
            }

            longest = Math.Max(longest, bytes);
        }

        return (int)Math.Min(int.MaxValue / 2, textBytes / longest);
    }

    /// <summary>The state of one import. <c>textBytes</c> is the length of the text to read when known (CSV from a seekable stream),
    /// else 0: it sizes the whole-run duplicate index ahead.</summary>
    private sealed class Run(CustomerImporter owner, string file, string format, string encoding, string fileHash, long textBytes)
    {

        private readonly OutcomeCounts _counts = new();
        private readonly IImportLedger? _ledger = owner._options.DryRun || fileHash.Length == 0 ? null : owner._options.Ledger;
        private readonly IAuditStore? _audit = owner._options.Audit;
        private IReadOnlyList<ImportRun> _previous = [];
        private string? _runId;

        /// <summary>How many rows after the header an earlier run of the same content and mapping committed (<see cref="_doneBy"/>):
        /// those rows are already imported and this run writes none of them; 0 when no earlier run committed any.</summary>
        private int _done;
        private ImportRun? _doneBy;

        /// <summary>The earlier runs of the same content and mapping that were interrupted, oldest first: what they recorded of their
        /// customers (source line, created, newest update date) is this run's too, so the rows after <see cref="_done"/> are applied as
        /// the uninterrupted run would have applied them (an older row never goes over a newer one a committed batch wrote).</summary>
        private string[] _resumed = [];

        /// <summary>The rows matched so far, in file order (skipped and rejected ones included), against <see cref="_done"/>.</summary>
        private int _ordinal;

        /// <summary>Whether a batch of this run was not written because someone else changed one of its customers: from that batch on
        /// the run's batch count and totals in the ledger stay those of the last batch before it (<see cref="_recorded"/>) and it is not
        /// marked finished, so that running the file again (as its rows say) applies them rather than take them for imported. Each batch
        /// still records the run's activity, so that the next import does not take the run up while it goes on through the file.</summary>
        private bool _conflicted;

        /// <summary>The batch count and totals the ledger holds for this run: those of its last batch before a conflict.</summary>
        private (int Batches, ImportTotals Totals) _recorded = (0, new ImportTotals());
        private readonly CustomerImportOptions _options = owner._options;
        private readonly ICustomerRepository _store = owner._options.DryRun ? new DryRunCustomerRepository(owner._customers) : owner._customers;

        /// <summary>The key index duplicates are looked up in: the store's (for a dry run, its overlay's over the store's); null when the
        /// store has none, and then <see cref="_index"/> holds every customer for the whole run.</summary>
        private ICustomerKeyIndex? Keys => _store is DryRunCustomerRepository dry ? dry.KeyIndex : _store as ICustomerKeyIndex;

        /// <summary>Where a batch is written whole or not at all: the store's batch writes (for a dry run, its overlay's when the store
        /// has them); null when the store saves customer by customer.</summary>
        private ICustomerBatchRepository? Batches => _store is DryRunCustomerRepository dry ? dry.Batches : _store as ICustomerBatchRepository;
        private readonly CustomerMatchIndex _index = new(owner._options.NameSimilarity is < 1);

        /// <summary>Where the customers this run touched are recorded (the ledger, else a ledger of this run's own in memory) and the run's id there.</summary>
        private IImportLedger? _runLedger;
        private string _runKey = "local";
        /// <summary>The open batch's report rows, in order; plain ones (most inserted rows) without a result object of their own.</summary>
        private readonly List<LoggedRow> _results = [];
        private readonly ImportRowLog _log = new(owner._options.ReportMemoryRows);
        private readonly Dictionary<string, LocalDate> _newest = new(StringComparer.Ordinal);
        private CustomerRowParser? _parser;

        /// <summary>An .xlsx or JSON file's rows, which say how many rows there are before the first; null for CSV.</summary>
        private CountedRows? _sheet;
        private IReadOnlyList<string> _headers = [];

        // How many cells of a row must equal the header's for the row to be the header repeated: two, or one in a one-column file.
        private int _repeatedHeaderCells = 2;
        private int _headerLine;
        private int _batches;
        private List<string> _unmapped = [];

        private CultureInfo? Culture => _options.Culture;

        /// <summary>The reasons of skipped rows, looked up once per run (a sheet may hold a million blank rows).</summary>
        private readonly RowReason _blank = ImportReasons.Blank.Text(owner._options.Culture);
        private readonly RowReason _totals = ImportReasons.Totals.Text(owner._options.Culture);
        private readonly RowReason _repeatedHeader = ImportReasons.RepeatedHeader.Text(owner._options.Culture);

        /// <summary>The placeholder contact name (<see cref="CustomerImportOptions.UnnamedContactName"/>) in its folded form, folded once
        /// per run rather than per merged row.</summary>
        private readonly string _placeholder = TextNormalizer.Fold(owner._options.UnnamedContactName.Trim())!;

        /// <summary>
        /// Reads the rows on a thread of its own while this one matches and writes the batches in file order. Rows are handed over in
        /// pieces of at most <see cref="MaxPieceRows"/> rows, at most <see cref="PiecesAhead"/> waiting (<see cref="PieceLine{TRaw, TDone}"/>);
        /// the row-only work on a piece (<see cref="Prepare"/>) is done by whichever thread gets to it first, so the reading thread
        /// prepares ahead while this one is busy and this one prepares its next piece itself rather than wait. With the whole-run index (a
        /// store without a key index) each piece is matched at once, while its rows are still in the cache and young; with a store key
        /// index a batch's pieces wait until the batch is whole (one store lookup for all its keys). A batch is written once its last piece
        /// is matched; its rows' cells are kept until then (a conflict rejects them with their cells). A file that fails to read (or a row
        /// that fails to prepare) part-way leaves written exactly the batches a sequential pass would have written before the failure: the
        /// batch it was reading is never ended, so never written.
        /// </summary>
        public async Task ExecuteAsync(IEnumerable<SourceRow> rows, CancellationToken cancellationToken)
        {
            _sheet = rows as CountedRows;
            if (Keys is null)
            {
                // A store without a key index: every stored customer's keys are held for the whole run.
                await foreach (var stored in _store.ListAsync(cancellationToken).ConfigureAwait(false))
                {
                    _index.Add(stored.Id, 0, CompanyNameNormalizer.Key(stored.Name), stored.Contacts);
                }
            }

            var line = new PieceLine<(List<SourceRow> Rows, bool EndsBatch), Prepared[]>(PiecesAhead, piece => Prepare(piece.Rows, _parser!));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // The reading stage blocks when it is ahead, so it gets a thread of its own rather than one of the pool's.
            var reading = Task.Factory.StartNew(() => Read(rows, line, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            try
            {
                OpenBatch? open = null;
                while (await line.TakeAsync(cancellationToken).ConfigureAwait(false) is var ((pieceRows, endsBatch), prepared))
                {
                    open ??= StartBatch();
                    await AddPieceAsync(open, pieceRows, prepared, endsBatch, cancellationToken).ConfigureAwait(false);
                    if (endsBatch)
                    {
                        await FinishBatchAsync(open, cancellationToken).ConfigureAwait(false);
                        open = null;
                    }
                }
            }
            catch
            {
                // Writing failed: stop the reading thread and wait for it, so that nothing reads the file after the import returns.
                await stop.CancelAsync().ConfigureAwait(false);
                await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            // The reading thread completed the line, so it has finished; its failure, if any, has surfaced above.
            await reading.ConfigureAwait(false);
        }

        /// <summary>The most rows handed from the reading thread to the writing one at a time (fewer when batches are smaller).</summary>
        private const int MaxPieceRows = 64;

        /// <summary>How many pieces may wait for the writing thread: enough for the two threads to share the preparing of them, few
        /// enough that a row is matched while its objects are still in the cache and young (see benchmarks/results/import.md).</summary>
        private const int PiecesAhead = 8;

        private int PieceRows => Math.Min(MaxPieceRows, _options.BatchSize);

        /// <summary>The headers a "no header row" error names: the built-in mapping's Chinese headers and their English names.</summary>
        private const string HeaderHint = "客户编号, 客户名称, 所属行业, 联系方式, 邮箱, 年合作金额 / Id, Name, Industry, Phone, Email, AnnualAmount";

        /// <summary>The reading stage: the header, then the rows in pieces, the last piece of each batch marked; the failure that
        /// stops it (a bad record, no header) reaches the writing stage after every piece before it.</summary>
        private void Read(IEnumerable<SourceRow> rows, PieceLine<(List<SourceRow> Rows, bool EndsBatch), Prepared[]> output, CancellationToken cancellationToken)
        {
            try
            {
                var piece = new List<SourceRow>(PieceRows);
                var inBatch = 0;
                var search = new HeaderSearch(file, Culture, _options.MaxTitleRows, _options.Mapping.Maps);
                foreach (var row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (_parser is null)
                    {
                        if (TryHeader(row))
                        {
                            search.Found(row, _sheet?.Sheet);
                        }
                        else
                        {
                            search.PassedOver(row, _sheet?.Sheet, () => new ImportFileException(file, row.Line, 0, ImportStrings.Format("Error_NoHeaderIn", Culture, _options.MaxTitleRows, HeaderHint)));
                        }

                        continue;
                    }

                    piece.Add(row);
                    var endsBatch = ++inBatch == _options.BatchSize;
                    if (endsBatch || piece.Count == PieceRows)
                    {
                        output.Add((piece, endsBatch), cancellationToken);
                        piece = new List<SourceRow>(PieceRows);
                        inBatch = endsBatch ? 0 : inBatch;
                    }
                }

                if (_parser is null)
                {
                    throw search.NotFound(_sheet?.Sheet, () => new ImportFileException(file, 0, 0, ImportStrings.Format("Error_NoHeader", Culture, HeaderHint)));
                }

                if (inBatch > 0)
                {
                    // The file's last batch, ended here (its last piece may be empty when the one before it was full).
                    output.Add((piece, true), cancellationToken);
                }

                output.Complete(null);
            }
            catch (Exception e)
            {
                output.Complete(e);
                throw;
            }
        }

        /// <summary>The run's key in the ledger: the mapping's name and the options that change outcomes
        /// (<see cref="CustomerImportOptions.LedgerKey"/>); only an earlier run under the same key is taken up.</summary>
        private readonly string _ledgerKey = owner._options.LedgerKey();

        /// <summary>Looks the file up in the ledger and records the new run.</summary>
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var now = owner._clock.GetCurrentInstant();
            if (_ledger is not null)
            {
                (_previous, _runId) = await LedgerRun.StartAsync(
                    _ledger, "customers", file, fileHash, _ledgerKey, now, _options.RunLease, run => Keys is not null && TakesUp(run), _options.RunLeaseText, Culture, cancellationToken).ConfigureAwait(false);
                (_runLedger, _runKey) = (_ledger, _runId);
            }
            else if (Keys is not null)
            {
                // No ledger (or a dry run): the customers this run touches are kept in memory, one small record each.
                var local = new InMemoryImportLedger();
                await local.StartAsync(new ImportRun { Id = _runKey, Entity = "customers", File = file, FileHash = fileHash, Mapping = _ledgerKey, StartedAt = now }, cancellationToken).ConfigureAwait(false);
                _runLedger = local;
            }

            if (_ledger is null && _options.Ledger is { } read && fileHash.Length > 0)
            {
                // A dry run reads the ledger (it records nothing), so that it reports what the import would do.
                _previous = await read.FindByFileHashAsync(fileHash, cancellationToken).ConfigureAwait(false);
            }

            Resume();
        }

        /// <summary>
        /// Finds what earlier runs of the same content with the same mapping and options (<see cref="_ledgerKey"/>) committed
        /// (<see cref="_done"/>, <see cref="_resumed"/>): a
        /// finished run, every row; an interrupted one, the rows of the batches it recorded. Those rows are not applied again: applied
        /// again in other batches than before, an older row or an earlier duplicate would write its values over the newer ones already
        /// stored, and the newer row would write them back (a version each), or, if the run is stopped between the two, not. A run that
        /// held rows for review is left out: its held rows were never written, so they are applied now, never reported as already imported.
        /// </summary>
        private void Resume()
        {
            if (_options.MergePolicy == MergePolicy.HoldForReview || _options.Force)
            {
                // Under review, its merges write nothing, so rows applied again change nothing, and the rows held before are held again:
                // the report lists them for review as the first run's did. Forced (CustomerImportOptions.Force), every row is applied
                // again; the earlier runs are still named in the report.
                return;
            }

            ImportRun? best = null;
            var interrupted = new List<string>();
            foreach (var run in _previous)
            {
                // A run that held rows for review wrote nothing for them, and the ledger does not say which rows those were: nothing is
                // taken up from it, and this run applies every row (those it wrote match what is stored and change nothing). A row
                // rejected for its cells is rejected again before this (the same content); one rejected for a conflict is in a batch the
                // ledger never recorded.
                if (!TakesUp(run))
                {
                    continue;
                }

                // Newest first: of equal counts the oldest is named, the run that imported the rows.
                best = best is null || run.Totals.RowsRead >= best.Totals.RowsRead ? run : best;
                if (run.FinishedAt is null)
                {
                    interrupted.Add(run.Id);
                }
            }

            if (best is null || Keys is null && best.FinishedAt is null)
            {
                // Without a store key index a run records none of its customers, so an interrupted run cannot be taken up where it
                // stopped: its rows are applied again (see docs/import.md).
                return;
            }

            (_done, _doneBy) = (best.Totals.RowsRead, best);
            if (best.FinishedAt is null)
            {
                interrupted.Reverse();
                _resumed = [.. interrupted];
            }
        }

        /// <summary>Whether <see cref="Resume"/> may take up what an earlier run of the file committed: not under review or forced, a run
        /// of customers under this run's key that read rows and held none for review. The lease check at the start looks only at such
        /// runs (and, without a store key index, at none: an unfinished run is then never taken up).</summary>
        private bool TakesUp(ImportRun run) =>
            _options.MergePolicy != MergePolicy.HoldForReview && !_options.Force
            && string.Equals(run.Entity, "customers", StringComparison.Ordinal) && string.Equals(run.Mapping, _ledgerKey, StringComparison.Ordinal)
            && run.Totals.RowsRead > 0 && run.Totals.Held == 0;

        /// <summary>Marks the run finished in the ledger and writes the run's audit record.</summary>
        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            var now = owner._clock.GetCurrentInstant();
            if (_ledger is not null && _runId is not null && !_conflicted)
            {
                await _ledger.FinishAsync(_runId, now, cancellationToken).ConfigureAwait(false);
            }

            if (_audit is not null)
            {
                // One shape for every importer's run record (Tables/ImportAudit); a dry run is recorded too, marked as such.
                var entry = ImportAudit.Run(now, _options.Actor, "customers", file, fileHash, _runId, Totals(), _options.DryRun);
                await _audit.AppendAsync([entry], cancellationToken).ConfigureAwait(false);
            }
        }

        public ImportReport Report()
        {
            var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var header in _headers)
            {
                if (_options.Mapping.Resolve(header) is { } field && !string.IsNullOrWhiteSpace(header))
                {
                    mapped[header] = field.ToString();
                }
            }

            return new ImportReport
            {
                File = file,
                Entity = "customers",
                Format = format,
                Encoding = encoding,
                DryRun = _options.DryRun,
                HeaderLine = _headerLine,
                Headers = _headers,
                MappedColumns = mapped,
                UnmappedColumns = _unmapped,
                SharedFields = _options.Mapping.Shared(_headers, CustomerField.Phone),
                Batches = _batches,
                Rows = _log,
                Totals = Totals(),
                RunId = _runId,
                FileHash = fileHash,
                PreviousRuns = _previous,
                PreviousRunsTakenUp = _doneBy is not null,
                IncompleteNameSearches = _index.IncompleteNameSearches,
                IncompleteKeyLookups = (_store as DryRunCustomerRepository)?.IncompleteKeyLookups ?? 0,
                Sheet = _sheet?.Sheet,
                OtherSheets = _sheet?.OtherSheets ?? [],
            };
        }

        private ImportTotals Totals() => _counts.Totals();

        private bool TryHeader(SourceRow row)
        {
            // A header names two known columns, or only the key a customer needs (客户名称 or 客户编号: a one-column list of names).
            var known = row.Cells.Select(c => _options.Mapping.Resolve(c)).Where(f => f is not null and not CustomerField.Ignore).ToList();
            if (known.Count < HeaderSearch.Threshold && known is not [CustomerField.Name or CustomerField.Id])
            {
                return false;
            }

            _headers = [.. row.Cells.Select((c, i) => TextNormalizer.Clean(c) ?? string.Empty)];
            _repeatedHeaderCells = Math.Clamp(_headers.Count(h => h.Length > 0), 1, 2);
            _headerLine = row.Line;
            _parser = new CustomerRowParser(_options.Mapping, _headers, Culture);
            _unmapped = [.. _headers.Select((h, i) => (h, i)).Where(x => x.h.Length > 0 && _options.Mapping.Resolve(x.h) is null).Select(x => x.h)];
            return true;
        }

        /// <summary>The batch every batch of the run is opened in (<see cref="OpenBatch.Open"/>); null before the first.</summary>
        private OpenBatch? _openBatch;

        /// <summary>Opens the next batch when its first piece arrives (after the batch before it is written). Its instant is read then,
        /// so batches (and the store's own records of earlier batches) keep their order in time.</summary>
        private OpenBatch StartBatch()
        {
            _batches++;
            return (_openBatch ??= new OpenBatch(Math.Min(_options.BatchSize, 1024))).Open(owner._clock.GetCurrentInstant());
        }

        /// <summary>Matches a piece's rows into the open batch: at once with the whole-run index; with a store key index once the batch is
        /// whole (<see cref="SeedAsync"/> asks the store for every key of the batch first).</summary>
        private async Task AddPieceAsync(OpenBatch batch, List<SourceRow> rows, Prepared[] prepared, bool endsBatch, CancellationToken cancellationToken)
        {
            batch.Rows.AddRange(rows);
            if (Keys is { } keys)
            {
                batch.Waiting.AddRange(prepared);
                if (endsBatch)
                {
                    await SeedAsync(keys, batch.Waiting, cancellationToken).ConfigureAwait(false);
                    await MatchAsync(batch, batch.Rows, batch.Waiting, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            // Only the whole-run index is large enough for its first probes to miss the cache.
            _index.Warm(ValidRows(prepared));
            await MatchAsync(batch, rows, prepared, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Gives each row its outcome, in order: skipped, rejected, inserted, or matched to a customer and applied.</summary>
        private async Task MatchAsync(OpenBatch batch, IReadOnlyList<SourceRow> rows, IReadOnlyList<Prepared> prepared, CancellationToken cancellationToken)
        {
            for (var b = 0; b < prepared.Count; b++)
            {
                var source = rows[b];
                var (skipped, row, problems, nameKey, derived) = prepared[b];
                var imported = ++_ordinal <= _done;
                if (skipped is { } skip)
                {
                    _results.Add(new ImportRowResult { Line = source.Line, Outcome = ImportOutcome.Skipped, Reason = skip.Text, ReasonCode = skip.Code });
                    continue;
                }

                if (problems is not null)
                {
                    var first = problems[0];
                    _results.Add(new ImportRowResult
                    {
                        Line = source.Line,
                        Outcome = ImportOutcome.Rejected,
                        Column = first.Column >= 0 && first.Header.Length > 0 ? first.Header : null,
                        ColumnNumber = first.Column + 1,
                        Reason = string.Join("; ", problems.Select(p => p.Reason)),
                        ReasonCode = first.Code,
                        Cells = source.Cells,
                    });
                    continue;
                }

                if (imported)
                {
                    // An earlier run of this file committed the row: it is not applied again, and nothing is written for it.
                    var already = ImportReasons.AlreadyImported.Format(Culture, _doneBy!.Id, _doneBy.StartedAt.ToString("uuuu-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
                    _results.Add(new ImportRowResult { Line = source.Line, Outcome = ImportOutcome.Unchanged, CustomerId = row!.Id, Reason = already.Text, ReasonCode = already.Code });
                    continue;
                }

                var match = row!.Id is not null ? _index.FindById(row) : null;
                match ??= _index.Find(row, nameKey, _options.MatchByContact, _options.NameSimilarity);
                if (match is null && derived is { } own)
                {
                    // The id the row would be inserted under may be held already (a customer of that name renamed since): the row is
                    // merged into that customer, never written over it.
                    match = _index.FindById(own.Value) is { } taken ? taken with { MatchedBy = "name" } : null;
                }

                if (match is { } similar && row.Id is { } ownId && !string.Equals(ownId, similar.Id.Value, StringComparison.Ordinal))
                {
                    // Two ids say two records: a row that names its own customer is not merged into another customer, whatever they
                    // share (a phone, an e-mail, the company name, a similar name); one imported without an id has an id too (derived
                    // from its name, and written by an export), so an export re-imported stays as it was. The row is inserted, and its
                    // report row says which customer matched and by what (or how alike the names are).
                    var reason = similar.Score < 1
                        ? ImportReasons.OwnId.Format(Culture, similar.Id.Value, Percent(similar.Score), Where(similar.SourceLine))
                        : ImportReasons.OwnIdSame.Format(Culture, similar.Id.Value, ImportStrings.Get("Match_" + similar.MatchedBy, Culture), Where(similar.SourceLine));
                    _results.Add(Insert(row, nameKey, batch.Working, batch.Now).ToResult() with
                    {
                        Reason = reason.Text,
                        ReasonCode = reason.Code,
                        MatchedBy = similar.MatchedBy,
                        MatchedSource = MatchedSource(similar.SourceLine),
                        MatchScore = similar.Score < 1 ? similar.Score : null,
                    });
                    continue;
                }

                _results.Add(match is { } found
                    ? await ApplyAsync(row, nameKey, found, source, batch.Working, batch.ReadStates, batch.Now, cancellationToken).ConfigureAwait(false)
                    : Insert(row, nameKey, batch.Working, batch.Now, derived));
            }
        }

        /// <summary>Writes the batch's customers (all or none when the store writes batches) and records its outcomes.</summary>
        private async Task FinishBatchAsync(OpenBatch open, CancellationToken cancellationToken)
        {
            var (batch, working, readStates, now) = (open.Rows, open.Working, open.ReadStates, open.Now);
            if (_batches == 1 && Keys is null && batch.Count == _options.BatchSize)
            {
                // The whole-run index is sized for the file once its first full batch has shown that rows come: a CSV's from how long
                // rows get (a low guess only leaves growth to do; a guess from a few short rows would reserve for customers that never
                // come), a worksheet's or a JSON file's from its rows.
                var expected = textBytes > 0 ? ExpectedRows(batch, textBytes, CrmCore.Decoding.StrictTextDecoder.GetEncoding(encoding)) : _sheet?.Rows ?? 0;
                if (expected > 0)
                {
                    _index.Reserve(_index.Customers + expected);
                }
            }

            // A store that writes a batch whole gets a list of its own (it may keep what it is given); one that saves customer by
            // customer is handed the states one at a time, so the batch's list is reused.
            var writes = Batches is null ? open.Writes : new List<(CustomerState State, long ExpectedVersion)>(working.Count);
            Dictionary<string, List<int>>? rowsOf = null;
            foreach (var (id, (customer, fresh, readVersion)) in working)
            {
                if (fresh is not null)
                {
                    // Created by this batch and not changed since: its state was built without the aggregate.
                    writes.Add((fresh, 0));
                    continue;
                }

                if (customer!.Version == readVersion)
                {
                    continue;
                }

                // Rows that took turns on a stored customer (an older row of the same record, then a newer duplicate) may end where the
                // store already is: nothing is written, the version stays, and those rows held nothing new.
                var state = customer.ToState();
                if (readStates.TryGetValue(id, out var read) && CustomerValues.Same(read, state))
                {
                    rowsOf ??= RowsOf();
                    foreach (var index in rowsOf.GetValueOrDefault(id.Value) ?? [])
                    {
                        var same = _results[index];
                        _results[index] = same.Full is { } full
                            ? full with { Outcome = ImportOutcome.Unchanged, Reason = null, ReasonCode = null }
                            : LoggedRow.Plain(same.Line, ImportOutcome.Unchanged, same.CustomerId, same.Notes);
                    }

                    continue;
                }

                writes.Add((state, readVersion));
            }

            var written = await SaveAsync(writes, batch, cancellationToken).ConfigureAwait(false);
            if (Keys is not null)
            {
                await RecordTouchedAsync(cancellationToken).ConfigureAwait(false);
            }
            for (var i = 0; i < _results.Count; i++)
            {
                _counts.Add(_results[i].Outcome);
            }

            if (_ledger is not null && _runId is not null)
            {
                if (!_conflicted)
                {
                    _recorded = (_batches, Totals());
                }

                await _ledger.RecordBatchAsync(_runId, _recorded.Batches, _recorded.Totals, owner._clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
            }

            await AuditBatchAsync(written, now, cancellationToken).ConfigureAwait(false);
            _log.AddRange(_results);
            _results.Clear();
            open.Clear();
        }

        /// <summary>
        /// Starts a batch's own index: one lookup in the store's key index for every key of the batch's rows (id, phone, e-mail, name key,
        /// and the name block when names may be similar), then what this run recorded of the customers found (source line, created or
        /// changed by this run, newest update date). Customers of earlier batches are found because those batches are committed. The
        /// customers go in in the order a whole-run index would have seen them first: stored before this run (by id), then created by
        /// this run (by line), so a key two customers share leads to the same one.
        /// </summary>
        private async Task SeedAsync(ICustomerKeyIndex keys, List<Prepared> prepared, CancellationToken cancellationToken)
        {
            var similarity = _options.NameSimilarity;
            _index.Clear();
            _newest.Clear();
            var wanted = new HashSet<CustomerKey>();
            foreach (var (skipped, row, problems, nameKey, derived) in prepared)
            {
                if (skipped is not null || problems is not null || row is null)
                {
                    continue;
                }

                if ((row.Id ?? derived?.Value) is { } id)
                {
                    // A row without an id asks for the id it would be inserted under, which a customer renamed since may hold.
                    wanted.Add(new CustomerKey(CustomerKeyKind.Id, id));
                }

                if (_options.MatchByContact && row.Phone is not null)
                {
                    wanted.Add(CustomerKey.ForPhoneKey(row.PhoneKey));
                }

                if (_options.MatchByContact && row.Email is not null)
                {
                    wanted.Add(new CustomerKey(CustomerKeyKind.Email, row.Email));
                }

                if (similarity is not null && nameKey.Length > 0)
                {
                    wanted.Add(CustomerKey.ForNameKey(nameKey));
                    if (similarity < 1)
                    {
                        wanted.Add(CustomerKey.BlockOf(nameKey, similarity.Value));
                    }
                }
            }

            var matches = wanted.Count == 0 ? [] : await keys.FindByKeysAsync(wanted, cancellationToken).ConfigureAwait(false);
            if (matches.Count == 0)
            {
                return;
            }

            // A cut similar-name lookup answers with a match that names no customer: nothing to ask the ledger about.
            var ids = new HashSet<CustomerId>(matches.Where(m => !m.CustomerId.IsEmpty).Select(m => m.CustomerId));
            var known = new Dictionary<CustomerId, ImportRunCustomer>();
            foreach (var resumed in _resumed)
            {
                // What the interrupted runs of this file recorded is this run's own (one lookup per batch and such run).
                Know(await _options.Ledger!.FindCustomersAsync(resumed, ids, cancellationToken).ConfigureAwait(false));
            }

            Know(await _runLedger!.FindCustomersAsync(_runKey, ids, cancellationToken).ConfigureAwait(false));

            void Know(IReadOnlyList<ImportRunCustomer> runs)
            {
                foreach (var run in runs)
                {
                    known[run.CustomerId] = run;
                    if (run.NewestOn is { } newest && (!_newest.TryGetValue(run.CustomerId.Value, out var before) || newest > before))
                    {
                        _newest[run.CustomerId.Value] = newest;
                    }
                }
            }

            int Created(CustomerId id) => known.TryGetValue(id, out var k) && k.Created ? 1 : 0;
            int CreatedLine(CustomerId id) => known.TryGetValue(id, out var k) && k.Created ? k.Line : 0;
            foreach (var match in matches.OrderBy(m => Created(m.CustomerId)).ThenBy(m => CreatedLine(m.CustomerId)).ThenBy(m => m.CustomerId.Value, StringComparer.Ordinal))
            {
                var run = known.GetValueOrDefault(match.CustomerId);
                _index.AddFound(match.CustomerId, run?.Line ?? 0, run is not null, run?.Created ?? false, match.Key);
            }
        }

        /// <summary>The parsed rows of a batch that are neither skipped nor rejected.</summary>
        private static IEnumerable<CustomerRow> ValidRows(IEnumerable<Prepared> prepared)
        {
            foreach (var (skipped, row, problems, _, _) in prepared)
            {
                if (skipped is null && problems is null && row is not null)
                {
                    yield return row;
                }
            }
        }

        /// <summary>Records what this batch's index knows of the customers this run touched, for the batches after it.</summary>
        private async Task RecordTouchedAsync(CancellationToken cancellationToken)
        {
            var touched = new List<ImportRunCustomer>();
            foreach (var (id, line, created) in _index.Touched())
            {
                touched.Add(new ImportRunCustomer(id, line, created, _newest.TryGetValue(id.Value, out var newest) ? newest : null));
            }

            if (touched.Count > 0)
            {
                await _runLedger!.RecordCustomersAsync(_runKey, touched, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The work on each row that depends on nothing but the row: skip or not, the parsed values or the cell problems, and the name key
        /// with the duplicate index's keys. The normalisers keep no state and the parser only the list cell it split last (one reference,
        /// read and written whole), so this runs on another thread than the matching and writing that follow, which see the results in row
        /// order exactly as a sequential pass would give them. The customer a row
        /// creates is built only when nothing matches it, by the writing stage, at the batch's instant.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Prepared[] Prepare(List<SourceRow> batch, CustomerRowParser parser)
        {
            var prepared = new Prepared[batch.Count];
            List<CellProblem>? problems = null;
            for (var i = 0; i < batch.Count; i++)
            {
                var source = batch[i];
                if (source.Problem?.FirstRead((parser, source), static (s, column) => s.parser.Reads(s.source, column)) is { } unreadable && !TotalsRow.Is(source.Cells))
                {
                    // A row the reader could not read as the file holds it (a repeated JSON key, a formula without a saved value) is
                    // rejected; a totals row is skipped whatever its values.
                    var header = unreadable.Column < _headers.Count ? _headers[unreadable.Column] : string.Empty;
                    prepared[i] = new Prepared(null, null, [new CellProblem(unreadable.Column, header, unreadable.Reason)], string.Empty);
                    continue;
                }

                if (Skip(source) is { } skipped)
                {
                    prepared[i] = new Prepared(skipped, null, null, string.Empty);
                    continue;
                }

                problems ??= [];
                var row = parser.Parse(source, problems);
                if (problems.Count > 0)
                {
                    prepared[i] = new Prepared(null, row, problems, string.Empty);
                    problems = null;
                    continue;
                }

                var nameKey = CompanyNameNormalizer.Key(row.Name);
                row.PrepareKeys(nameKey);
                prepared[i] = new Prepared(null, row, null, nameKey, row.Id is null ? new CustomerId(DerivedId(_options.DerivedIdPrefix, nameKey.Length > 0 ? nameKey : row.Name!)) : null);
            }

            return prepared;
        }

        /// <summary>Writes the batch's customers: in one transaction when the store can, else one by one. Returns what was written.</summary>
        private async Task<List<(CustomerState State, long ExpectedVersion)>> SaveAsync(
            List<(CustomerState State, long ExpectedVersion)> writes, List<SourceRow> batch, CancellationToken cancellationToken)
        {
            if (writes.Count == 0)
            {
                return writes;
            }

            Dictionary<string, List<int>>? rowsOf = null;

            if (Batches is { } atomic)
            {
                try
                {
                    await atomic.SaveAllAsync(writes, cancellationToken).ConfigureAwait(false);
                    return writes;
                }
                catch (ConcurrencyConflictException conflict)
                {
                    // The batch commits whole or not at all: every row that would have written is rejected, and a run again retries them.
                    _conflicted = true;
                    foreach (var (state, _) in writes)
                    {
                        Reject(rowsOf ??= RowsOf(), batch, state.Id, ImportReasons.BatchConflict.Format(Culture, conflict.Entity, _batches));
                    }

                    return [];
                }
            }

            // What was saved is every write until a conflict: a list of its own only from the first conflict on.
            List<(CustomerState State, long ExpectedVersion)>? saved = null;
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                try
                {
                    await _store.SaveAsync(write.State, write.ExpectedVersion, cancellationToken).ConfigureAwait(false);
                    saved?.Add(write);
                }
                catch (ConcurrencyConflictException)
                {
                    _conflicted = true;
                    saved ??= writes.GetRange(0, i);
                    Reject(rowsOf ??= RowsOf(), batch, write.State.Id, ImportReasons.Conflict.Format(Culture, write.State.Id.Value));
                }
            }

            return saved ?? writes;
        }

        /// <summary>The batch's result indexes per customer id (held rows left out): built only when rows must be revisited, which is rare.</summary>
        private Dictionary<string, List<int>> RowsOf()
        {
            var rows = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < _results.Count; i++)
            {
                if (_results[i] is { CustomerId: { } id, Outcome: not ImportOutcome.Held })
                {
                    (rows.TryGetValue(id, out var list) ? list : rows[id] = []).Add(i);
                }
            }

            return rows;
        }

        private void Reject(Dictionary<string, List<int>> rowsOf, List<SourceRow> batch, CustomerId id, RowReason reason)
        {
            foreach (var index in rowsOf.GetValueOrDefault(id.Value) ?? [])
            {
                var failed = _results[index];
                _results[index] = failed.ToResult() with { Outcome = ImportOutcome.Rejected, Reason = reason.Text, ReasonCode = reason.Code, Cells = batch.First(b => b.Line == failed.Line).Cells };
            }
        }

        /// <summary>One audit record for the batch and one per customer created or changed, tied together by the run id.</summary>
        private async Task AuditBatchAsync(
            List<(CustomerState State, long ExpectedVersion)> written, Instant now, CancellationToken cancellationToken)
        {
            if (_audit is null || _options.DryRun)
            {
                return;
            }

            var lines = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < _results.Count; i++)
            {
                if (_results[i] is { CustomerId: { } id, Outcome: ImportOutcome.Inserted or ImportOutcome.Updated or ImportOutcome.Merged } result)
                {
                    (lines.TryGetValue(id, out var list) ? list : lines[id] = []).Add(result.Line);
                }
            }

            var correlation = _runId ?? fileHash;
            var where = file.Length <= 200 ? file : file[^200..];
            var entries = new List<AuditEntry>(written.Count + 1)
            {
                new(now, _options.Actor, AuditAction.Import, ImportAudit.EntityType, correlation)
                {
                    Field = string.Create(CultureInfo.InvariantCulture, $"batch {_batches}"),
                    NewValue = string.Create(CultureInfo.InvariantCulture, $"{written.Count} customers written; run so far: {ImportAudit.Describe(Totals())}"),
                    Reason = where,
                    CorrelationId = correlation,
                },
            };
            foreach (var (state, expectedVersion) in written)
            {
                var from = lines.TryGetValue(state.Id.Value, out var rows) ? string.Join(", ", rows.Take(20)) : string.Empty;
                entries.Add(new AuditEntry(now, _options.Actor, expectedVersion == 0 ? AuditAction.Create : AuditAction.Update, AuditEntityTypes.Customer, state.Id.Value)
                {
                    Field = expectedVersion == 0 ? null : "version",
                    OldValue = expectedVersion == 0 ? null : expectedVersion.ToString(CultureInfo.InvariantCulture),
                    NewValue = state.Version.ToString(CultureInfo.InvariantCulture),
                    Reason = string.Create(CultureInfo.InvariantCulture, $"import {where}, line {from}"),
                    CorrelationId = correlation,
                });
            }

            await _audit.AppendAsync(entries, cancellationToken).ConfigureAwait(false);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private RowReason? Skip(SourceRow source)
        {
            if (source.IsBlank)
            {
                return _blank;
            }

            if (TotalsRow.Is(source.Cells))
            {
                return _totals;
            }

            var sameAsHeader = 0;
            for (var i = 0; i < Math.Min(source.Cells.Length, _headers.Count); i++)
            {
                sameAsHeader += _headers[i].Length > 0 && MayEqual(source.Cells[i], _headers[i])
                    && string.Equals(TextNormalizer.Clean(source.Cells[i]), _headers[i], StringComparison.Ordinal) ? 1 : 0;
            }

            return sameAsHeader >= _repeatedHeaderCells ? _repeatedHeader : null;
        }

        /// <summary>False when a raw cell cannot clean to a header: cleaning keeps the first visible character (a full-width digit or
        /// letter made half-width, full-width punctuation kept).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool MayEqual(string? raw, string header)
        {
            foreach (var c in raw.AsSpan())
            {
                var half = TextNormalizer.ToHalfWidth(c);
                if (!char.IsWhiteSpace(half) && !char.IsControl(half))
                {
                    return half == header[0] || c == header[0];
                }
            }

            return false;
        }

        /// <summary>A row nothing matches: the customer it creates, built at the batch's instant (synchronously: most rows of a first
        /// import take this path).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private LoggedRow Insert(CustomerRow row, string nameKey, Dictionary<CustomerId, Working> working, Instant now, CustomerId? derived = null)
        {
            var id = derived ?? new CustomerId(row.Id ?? DerivedId(_options.DerivedIdPrefix, nameKey.Length > 0 ? nameKey : row.Name!));
            // Most inserted rows get a note or two (a defaulted date, an unnamed contact): they are gathered in one list kept for the
            // run rather than in a new list per row (Notes copies what it keeps).
            var notes = row.Notes ?? _insertNotes;
            var profile = Profile(row, now, ref notes, out var contacts);
            working[id] = new Working(null, Customer.CreateState(id, profile, now, row.Tier, contacts), 0);
            _index.AddCreated(id, row, nameKey);
            if (row.ExtraPhones is { } extras)
            {
                foreach (var extra in extras)
                {
                    _index.AddPhone(id, extra.Key);
                }
            }

            Remember(id.Value, row.UpdatedOn);
            var result = Plain(row.Line, ImportOutcome.Inserted, id.Value, Notes(notes));
            _insertNotes.Clear();
            return result;
        }

        /// <summary>A row that matches a customer (of the store or of an earlier row): held, or merged into it, or its update.</summary>
        private async ValueTask<LoggedRow> ApplyAsync(
            CustomerRow row,
            string nameKey,
            MatchCandidate match,
            SourceRow source,
            Dictionary<CustomerId, Working> working,
            Dictionary<CustomerId, CustomerState> readStates,
            Instant now,
            CancellationToken cancellationToken)
        {
            var (targetId, by, sourceLine, touched, score) = match;
            var isUpdate = by == "id" && sourceLine == 0 && !touched;
            var where = Where(sourceLine);
            var matchedSource = MatchedSource(sourceLine);
            // A similar (not the same) company name says so, with how alike the names are.
            var similar = score < 1;
            var matchedText = similar ? Percent(score) : ImportStrings.Get("Match_" + by, Culture);
            double? matchScore = similar ? score : null;
            // A customer on record before this run (found by a shared key, or by its id also when an earlier row of the file had it):
            // a row that leaves it as it is, is unchanged.
            var onRecord = sourceLine == 0 || (by == "id" && !_index.IsCreated(targetId.Value));
            if (!isUpdate && _options.MergePolicy == MergePolicy.HoldForReview
                && !(onRecord && await AddsNothingAsync(row, targetId, by, working, now, cancellationToken).ConfigureAwait(false)))
            {
                var held = (similar ? ImportReasons.HeldSimilar : ImportReasons.Held).Format(Culture, targetId.Value, matchedText, where);
                return new ImportRowResult
                {
                    Line = row.Line,
                    Outcome = ImportOutcome.Held,
                    CustomerId = targetId.Value,
                    MatchedBy = by,
                    MatchedSource = matchedSource,
                    MatchScore = matchScore,
                    Reason = held.Text,
                    ReasonCode = held.Code,
                    Cells = source.Cells,
                };
            }

            if (!working.TryGetValue(targetId, out var target))
            {
                var stored = await _store.FindAsync(targetId, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Customer {targetId} was indexed but is not in the store.");
                target = new Working(Customer.Restore(stored), null, stored.Version);
                working[targetId] = target;
                readStates[targetId] = stored;
            }
            else if (target.Fresh is { } fresh)
            {
                // A later row of the batch changes a customer the batch created: from here on it needs the aggregate.
                target = new Working(Customer.Restore(fresh), null, 0);
                working[targetId] = target;
            }

            var overwrite = isUpdate || (_options.MergePolicy == MergePolicy.KeepNewest && IsNewest(targetId.Value, row.UpdatedOn));
            var before = target.Customer!.Version;
            var nameBefore = target.Customer!.Name;
            var notes = row.Notes;
            target = target with { Customer = ApplyAll(target.Customer!, row, overwrite, by, now, ref notes) };
            working[targetId] = target;

            // The customer's own name is indexed, not the merged row's: a store's key index knows customers by their names only, so a
            // later batch (and the whole-run index alike) finds a later row with the merged row's name by similarity, or not at all.
            var ownName = string.Equals(target.Customer!.Name, row.Name, StringComparison.Ordinal) ? nameKey : CompanyNameNormalizer.Key(target.Customer!.Name);
            if (!string.Equals(nameBefore, target.Customer!.Name, StringComparison.Ordinal))
            {
                _index.Renamed(targetId, ownName);
            }

            _index.Add(targetId, sourceLine, ownName, target.Customer!.Contacts, touch: true);
            Remember(targetId.Value, row.UpdatedOn);
            if (isUpdate)
            {
                return Plain(row.Line, target.Customer!.Version == before ? ImportOutcome.Unchanged : ImportOutcome.Updated, targetId.Value, Notes(notes));
            }

            if (row.Id is { } ownId && sourceLine == 0 && by == "id")
            {
                _index.MarkSource(ownId, row.Line);
            }

            // A duplicate within the file is a merge even when it adds nothing (its record is folded into another); a row that leaves a
            // stored customer as it is, is unchanged, also when an earlier row of the file had its id (an export writes a customer's
            // contacts as rows of their own: a re-import of it changes nothing).
            var unchanged = onRecord && target.Customer!.Version == before;
            var reason = (unchanged ? (similar ? ImportReasons.SameSimilar : ImportReasons.Same) : similar ? ImportReasons.MergedSimilar : ImportReasons.Merged)
                .Format(Culture, targetId.Value, matchedText, where);
            return new ImportRowResult
            {
                Line = row.Line,
                Outcome = unchanged ? ImportOutcome.Unchanged : ImportOutcome.Merged,
                CustomerId = targetId.Value,
                MatchedBy = by,
                MatchedSource = matchedSource,
                MatchScore = matchScore,
                Reason = reason.Text,
                ReasonCode = reason.Code,
                Notes = Notes(notes),
            };
        }

        /// <summary><see cref="Apply"/>, then the row's first-contact date: it replaces the customer's when the row updates that record,
        /// or when it is earlier (the first contact is the earliest one; a date the import filled in, the import's day, is later than any
        /// real one). The domain has no change for this date, so the customer is rebuilt from its state, one version on, as a change
        /// would leave it. Returns the customer to keep working on.</summary>
        private Customer ApplyAll(Customer customer, CustomerRow row, bool overwrite, string by, Instant now, ref List<ImportRowNote>? notes)
        {
            Apply(customer, row, overwrite, sameRecord: by == "id", now, ref notes);
            if (row.FirstContactOn is { } firstContact && firstContact != customer.FirstContactOn
                && ((overwrite && by == "id") || firstContact < customer.FirstContactOn))
            {
                return Customer.Restore(customer.ToState() with { FirstContactOn = firstContact, Version = customer.Version + 1 });
            }

            return customer;
        }

        /// <summary>Whether a row matched to a stored customer would leave it as it is (under <see cref="MergePolicy.HoldForReview"/>,
        /// whose merges keep what the customer has): such a row is unchanged, not held, so a file imported again sends nothing for review.
        /// Tried on a copy; the customer the batch works on is not touched.</summary>
        private async ValueTask<bool> AddsNothingAsync(CustomerRow row, CustomerId targetId, string by, Dictionary<CustomerId, Working> working, Instant now, CancellationToken cancellationToken)
        {
            var state = working.TryGetValue(targetId, out var target)
                ? target.Fresh ?? target.Customer!.ToState()
                : await _store.FindAsync(targetId, cancellationToken).ConfigureAwait(false);
            if (state is null)
            {
                return false;
            }

            var copy = Customer.Restore(state);
            List<ImportRowNote>? notes = null;
            return ApplyAll(copy, row, overwrite: false, by, now, ref notes).Version == state.Version;
        }

        /// <summary>A report row that says no more than its outcome, line, customer and notes: kept by the log in a few fields, or (a
        /// seam for tests that compare the two) as the result object any row can be.</summary>
        private LoggedRow Plain(int line, ImportOutcome outcome, string customerId, ImportRowNotes? notes) => owner.PlainRowsCompact
            ? LoggedRow.Plain(line, outcome, customerId, notes)
            : new ImportRowResult { Line = line, Outcome = outcome, CustomerId = customerId, Notes = notes };

        /// <summary>Where a matched customer came from, in the report's language: the store, or a line of this file.</summary>
        private string Where(int sourceLine) => sourceLine == 0 ? ImportStrings.Get("Source_stored", Culture) : ImportStrings.Format("Source_line", Culture, sourceLine);

        private static string MatchedSource(int sourceLine) => sourceLine == 0 ? "stored" : string.Create(CultureInfo.InvariantCulture, $"line {sourceLine}");

        /// <summary>A similarity as whole percent, below 100 for names that are not the same (0.996 is 99, not 100).</summary>
        private static string Percent(double score) => Math.Min(99, (int)Math.Round(score * 100, MidpointRounding.ToZero)).ToString(CultureInfo.InvariantCulture);

        private bool IsNewest(string id, LocalDate? updatedOn) =>
            updatedOn is null || !_newest.TryGetValue(id, out var known) || updatedOn >= known;

        private void Remember(string id, LocalDate? updatedOn)
        {
            if (updatedOn is { } date && (!_newest.TryGetValue(id, out var known) || date > known))
            {
                _newest[id] = date;
            }
        }

        // The notes most rows of a file share (no first-contact date, no contact name) and the list of them a row gets: one instance
        // per run while they stay the same, not one per row (a file of 100,000 rows without a date made 100,000 equal notes).
        private (string Key, LocalDate Day, ImportRowNote Note)? _defaulted;
        private (string Name, ImportRowNote Note)? _unnamed;
        private ImportRowNotes? _sharedNotes;

        // The defaulted-date notes by kind and day, and the one-note lists of them, for files whose rows change day from row to row
        // (a few dozen first-cooperation dates in turn); at most SharedNoteDays of each, past that a note of its own per row.
        private const int SharedNoteDays = 1024;
        private readonly Dictionary<(string Key, LocalDate Day), ImportRowNote> _defaultedByDay = [];
        private readonly Dictionary<ImportRowNote, ImportRowNotes> _oneNoteLists = new(ReferenceEqualityComparer.Instance);

        /// <summary>The notes of the row <see cref="Insert"/> is on (empty between rows).</summary>
        private readonly List<ImportRowNote> _insertNotes = [];

        /// <summary>A row's notes: the list the row before got when it holds the same shared notes, else a new one.</summary>
        private ImportRowNotes? Notes(List<ImportRowNote>? notes)
        {
            if (notes is null || notes.Count == 0)
            {
                return null;
            }

            if (notes.Count == 1 && _oneNoteLists.TryGetValue(notes[0], out var one))
            {
                return one;
            }

            if (_sharedNotes is { } last && last.Count == notes.Count)
            {
                var same = true;
                for (var i = 0; i < notes.Count && same; i++)
                {
                    same = ReferenceEquals(last[i], notes[i]);
                }

                if (same)
                {
                    return last;
                }
            }

            // A copy: the list may be the one Insert keeps for every row.
            var made = ImportRowNotes.Of(notes.ToArray());
            if (notes.TrueForAll(n => ReferenceEquals(n, _defaulted?.Note) || ReferenceEquals(n, _unnamed?.Note)))
            {
                _sharedNotes = made;
                if (notes.Count == 1 && _oneNoteLists.Count < SharedNoteDays)
                {
                    _oneNoteLists[notes[0]] = made!;
                }
            }

            return made;
        }

        /// <summary>The profile of the customer a row creates; <paramref name="notes"/> gets what the import filled in (a first-contact
        /// date, a contact's placeholder name) and the numbers kept as further contacts. The contacts come apart, in the array the state
        /// takes as it is (<see cref="Customer.CreateState(CustomerId, CustomerProfile, Instant, string?, Contact[])"/>): built once.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private CustomerProfile Profile(CustomerRow row, Instant now, ref List<ImportRowNote>? notes, out Contact[] contacts)
        {
            contacts = [];
            if (row.HasContact)
            {
                var first = NewContact(row, [], ref notes);
                if (row.ExtraPhones is { } extras)
                {
                    // Each further number is named among the contacts before it.
                    List<Contact> all = [first];
                    foreach (var extra in extras)
                    {
                        all.Add(ExtraContact(row, extra, all, ref notes));
                    }

                    contacts = [.. all];
                }
                else
                {
                    contacts = [first];
                }
            }

            // The domain needs a first-contact date: a row without one gets its first-cooperation date, else the import's day, and says so.
            var firstContact = row.FirstContactOn;
            if (firstContact is null)
            {
                firstContact = row.FirstCooperationOn ?? now.InZone(_options.Zone).Date;
                var key = row.FirstCooperationOn is null ? "Note_FirstContactDefaulted_ImportDay" : "Note_FirstContactDefaulted_Cooperation";
                if (_defaulted is not { } last || last.Day != firstContact.Value || !ReferenceEquals(last.Key, key))
                {
                    if (!_defaultedByDay.TryGetValue((key, firstContact.Value), out var note))
                    {
                        var day = firstContact.Value.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
                        note = CustomerNotes.Note(key, Culture, -1, null, day);
                        if (_defaultedByDay.Count < SharedNoteDays)
                        {
                            _defaultedByDay[(key, firstContact.Value)] = note;
                        }
                    }

                    _defaulted = last = (key, firstContact.Value, note);
                }

                (notes ??= []).Add(last.Note);
            }

            return new()
            {
                Name = row.Name!,
                ShortName = row.ShortName,
                Industry = row.Industry ?? default,
                Size = new CompanySize(row.Employees, row.AnnualRevenue is { } revenue ? Money.Cny(revenue) : null),
                Source = row.Source ?? default,
                FirstContactOn = firstContact.Value,
                AccountManager = row.AccountManager,
                Transactions = new TransactionSummary(row.FirstCooperationOn, Money.Cny(row.AnnualAmount ?? 0), row.Products, row.OrdersPerYear),
            };
        }

        /// <summary>The row's contact, named uniquely among <paramref name="existing"/>; a row without a contact name gets the
        /// placeholder name (never its phone, e-mail or a remark), and a note saying so.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Contact NewContact(CustomerRow row, IReadOnlyList<Contact> existing, ref List<ImportRowNote>? notes)
        {
            var name = Unique(row.ContactName ?? _options.UnnamedContactName, existing);
            if (row.ContactName is null)
            {
                if (_unnamed is not { } last || !string.Equals(last.Name, name, StringComparison.Ordinal))
                {
                    _unnamed = last = (name, CustomerNotes.Note("Note_UnnamedContact", Culture, -1, null, name));
                }

                (notes ??= []).Add(last.Note);
            }

            return new Contact(name, row.ContactRole ?? _options.DefaultContactRole) { Phone = row.Phone, Email = row.Email, Address = row.Address };
        }

        /// <summary>A further number of the row as a contact of its own (a contact holds one phone), named after the row's contact
        /// (<c>张三 (2)</c>), with a note on the cell it came from.</summary>
        private Contact ExtraContact(CustomerRow row, ExtraPhone extra, IReadOnlyList<Contact> existing, ref List<ImportRowNote>? notes)
        {
            var name = Unique(row.ContactName ?? _options.UnnamedContactName, existing);
            (notes ??= []).Add(CustomerNotes.Note("Note_SecondPhone", Culture, extra.Column, extra.Header, extra.Phone, name));
            return new Contact(name, row.ContactRole ?? _options.DefaultContactRole) { Phone = extra.Phone };
        }

        /// <summary>The name, or the name with <c> (2)</c>, <c> (3)</c> ... when a contact already has it.</summary>
        private static string Unique(string name, IReadOnlyList<Contact> existing)
        {
            var unique = name;
            for (var n = 2; Named(existing, unique); n++)
            {
                unique = string.Create(CultureInfo.InvariantCulture, $"{name} ({n})");
            }

            return unique;
        }

        private static bool Named(IReadOnlyList<Contact> contacts, string name)
        {
            if (contacts.Count == 0)
            {
                return false;
            }

            var folded = TextNormalizer.Fold(name);
            for (var i = 0; i < contacts.Count; i++)
            {
                if (string.Equals(TextNormalizer.Fold(contacts[i].Name), folded, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private void Apply(Customer customer, CustomerRow row, bool overwrite, bool sameRecord, Instant now, ref List<ImportRowNote>? notes)
        {
            T? Pick<T>(T? current, T? incoming, Func<T?, bool> blank) => incoming is null || blank(incoming) ? current : overwrite || blank(current) ? incoming : current;

            // A duplicate found by phone, e-mail or name is merged into the customer on record and keeps its name; only a row of the same
            // record (the same id) renames it.
            var name = overwrite && sameRecord && row.Name is not null ? row.Name : customer.Name;
            var shortName = Pick(customer.ShortName, row.ShortName, string.IsNullOrEmpty);
            if (!string.Equals(name, customer.Name, StringComparison.Ordinal) || !string.Equals(shortName, customer.ShortName, StringComparison.Ordinal))
            {
                customer.Rename(now, name, shortName);
            }

            if (row.Industry is { } industry && industry != customer.Industry && (overwrite || customer.Industry.Code.Length == 0))
            {
                customer.ChangeIndustry(now, industry);
            }

            var employees = Pick(customer.Size.Employees, row.Employees, e => e is null);
            var revenue = Pick(customer.Size.AnnualRevenue, row.AnnualRevenue is { } r ? Money.Cny(r) : null, m => m is null);
            if (employees != customer.Size.Employees || revenue != customer.Size.AnnualRevenue)
            {
                customer.ChangeSize(now, new CompanySize(employees, revenue));
            }

            var t = customer.Transactions;
            var firstCooperation = Pick(t.FirstCooperationOn, row.FirstCooperationOn, d => d is null);
            var amount = Pick<decimal?>(t.AnnualAmount.Amount, row.AnnualAmount, a => a is null or 0) ?? 0;
            var products = Pick(t.Products, row.Products, p => p is null || p.Count == 0) ?? [];
            var orders = Pick(t.OrdersPerYear, row.OrdersPerYear, o => o is null);
            if (firstCooperation != t.FirstCooperationOn || amount != t.AnnualAmount.Amount || !products.SequenceEqual(t.Products) || orders != t.OrdersPerYear)
            {
                customer.UpdateTransactions(now, new TransactionSummary(firstCooperation, Money.Cny(amount), products, orders));
            }

            if (row.AccountManager is { } manager && (overwrite || customer.AccountManager is null))
            {
                customer.AssignAccountManager(now, manager);
            }

            if (row.Tier is { } tier && (overwrite || customer.Tier is null))
            {
                customer.AssignTier(now, tier, "import");
            }

            if (row.HasContact)
            {
                ApplyContact(customer, row, overwrite, now, ref notes);
            }
        }

        /// <summary>
        /// Applies a row's contact to a customer. Contact names and addresses are compared in their folded form (<c>王总(采购)</c> is
        /// <c>王总（采购）</c>); the stored text stays as first typed. A named row is the contact of that name: the first contact of that name
        /// (or named after it by the import, <c>张三 (2)</c>) whose number and e-mail do not differ from the row's, else the contact of that
        /// name, updated by the merge rule, else a new one; it never changes a differently named person, whatever phone or e-mail they
        /// share. A contact the import named after another (<c>张三 (2)</c>, beside <c>张三</c>) is not replaced by a row typing that name:
        /// the row only fills its blanks, and a row with another number is kept as a contact of its own, with a note. A row without a name
        /// is the first contact with its number (else its e-mail, else its address) whose other values do not differ from the row's, and
        /// only fills that contact's blanks; when no contact fits it is added under the placeholder name. Each further number of the row
        /// is added as a contact of its own unless a contact already has it.
        /// </summary>
        private void ApplyContact(Customer customer, CustomerRow row, bool overwrite, Instant now, ref List<ImportRowNote>? notes)
        {
            var address = TextNormalizer.Fold(row.Address);
            bool SameLine(string? phone) => phone is not null && row.Phone is not null && PhoneNormalizer.TryGetKey(phone, out var key) && key == row.PhoneKey;
            bool SameEmail(string? email) => email is not null && string.Equals(email, row.Email, StringComparison.OrdinalIgnoreCase);
            bool SameAddress(string? other) => other is not null && address is not null && string.Equals(TextNormalizer.Fold(other), address, StringComparison.Ordinal);

            // Another number, e-mail or address than the contact's.
            bool Differs(Contact c) =>
                (row.Phone is not null && c.Phone is not null && !SameLine(c.Phone))
                || (row.Email is not null && c.Email is not null && !SameEmail(c.Email))
                || (address is not null && c.Address is not null && !SameAddress(c.Address));

            // A contact stored under the placeholder name (or named after it: (未提供姓名) (2)) that the row's number, e-mail or address
            // finds, in that order, as a row without a name would find it.
            var placeholder = _placeholder;
            bool IsPlaceholder(Contact c) => TextNormalizer.Fold(c.Name) is { } n && (string.Equals(n, placeholder, StringComparison.Ordinal) || NamedAfter(n, placeholder));
            Contact? Unnamed(IReadOnlyList<Contact> all) =>
                (row.Phone is not null ? all.FirstOrDefault(c => IsPlaceholder(c) && SameLine(c.Phone) && !Differs(c)) : null)
                ?? (row.Email is not null ? all.FirstOrDefault(c => IsPlaceholder(c) && SameEmail(c.Email) && !Differs(c)) : null)
                ?? (address is not null ? all.FirstOrDefault(c => IsPlaceholder(c) && SameAddress(c.Address) && !Differs(c)) : null);

            var contacts = customer.Contacts;
            Contact? existing = null;
            if (row.ContactName is { } name)
            {
                var folded = TextNormalizer.Fold(name)!;
                Contact? named = null;
                foreach (var c in contacts)
                {
                    var other = TextNormalizer.Fold(c.Name)!;
                    var same = string.Equals(other, folded, StringComparison.Ordinal);
                    named ??= same ? c : null;
                    if ((same || NamedAfter(other, folded)) && !Differs(c))
                    {
                        existing = c;
                        break;
                    }
                }

                if (existing is null && named is null && Unnamed(contacts) is { } unnamed)
                {
                    // The contact an earlier row without a name stored under the placeholder, with this row's number (else e-mail, else
                    // address) and nothing that differs: this row names it. A blank filled, whatever the merge rule.
                    var at = IndexOf(contacts, unnamed);
                    customer.RenameContact(now, unnamed.Name, name);
                    (notes ??= []).Add(CustomerNotes.Note("Note_ContactNamed", Culture, -1, null, unnamed.Name, customer.Contacts[at].Name));
                    existing = customer.Contacts[at];
                }

                if (existing is null && named is not null)
                {
                    if (!Generated(contacts, named.Name))
                    {
                        existing = named;
                    }
                    else
                    {
                        // The import named that contact after another: the typed name is someone with another number or e-mail, kept
                        // as a contact of its own rather than written over the generated contact's.
                        var added = NewContact(row, contacts, ref notes);
                        (notes ??= []).Add(CustomerNotes.Note("Note_NameTaken", Culture, -1, null, named.Name, added.Name));
                        customer.AddContact(now, added);
                        AddExtraPhones(customer, row, now, ref notes);
                        return;
                    }
                }

                if (existing is not null && Generated(contacts, existing.Name))
                {
                    overwrite = false;
                }
            }
            else
            {
                existing = row.Phone is not null ? contacts.FirstOrDefault(c => SameLine(c.Phone) && !Differs(c))
                    : row.Email is not null ? contacts.FirstOrDefault(c => SameEmail(c.Email) && !Differs(c))
                    : contacts.FirstOrDefault(c => SameAddress(c.Address) && !Differs(c));
                existing ??= row.Phone is null ? null : contacts.FirstOrDefault(c => c.Phone is null && SameEmail(c.Email) && !Differs(c));

                // A row without a name never replaces a value, it only fills blanks.
                overwrite = false;
            }

            if (existing is null)
            {
                customer.AddContact(now, NewContact(row, customer.Contacts, ref notes));
            }
            else
            {
                UpdateContact(customer, existing, row, overwrite, now);
            }

            AddExtraPhones(customer, row, now, ref notes);
        }

        private static int IndexOf(IReadOnlyList<Contact> contacts, Contact contact)
        {
            for (var i = 0; i < contacts.Count; i++)
            {
                if (ReferenceEquals(contacts[i], contact))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Adds each further number of the row as a contact of its own, unless a contact already has it.</summary>
        private void AddExtraPhones(Customer customer, CustomerRow row, Instant now, ref List<ImportRowNote>? notes)
        {
            foreach (var extra in row.ExtraPhones ?? (IEnumerable<ExtraPhone>)[])
            {
                if (!customer.Contacts.Any(c => c.Phone is not null && PhoneNormalizer.TryGetKey(c.Phone, out var key) && key == extra.Key))
                {
                    customer.AddContact(now, ExtraContact(row, extra, customer.Contacts, ref notes));
                }
            }
        }

        /// <summary>Whether a (folded) contact name is one <see cref="Unique"/> makes from a (folded) name: the name, a space and
        /// <c>(n)</c> for a whole number n of 2 or more.</summary>
        private static bool NamedAfter(string candidate, string name)
        {
            if (candidate.Length < name.Length + 4 || !candidate.StartsWith(name, StringComparison.Ordinal) || !candidate.EndsWith(')'))
            {
                return false;
            }

            var tail = candidate.AsSpan(name.Length);
            return tail.StartsWith(" (", StringComparison.Ordinal)
                && int.TryParse(tail[2..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 2;
        }

        /// <summary>Whether a contact's name is one the import made after another contact of the customer (<c>张三 (2)</c> beside
        /// <c>张三</c>), as <see cref="Unique"/> does.</summary>
        private static bool Generated(IReadOnlyList<Contact> contacts, string name)
        {
            var folded = TextNormalizer.Fold(name)!;
            var open = folded.LastIndexOf(" (", StringComparison.Ordinal);
            if (open <= 0)
            {
                return false;
            }

            var stem = folded[..open];
            return NamedAfter(folded, stem) && contacts.Any(c => string.Equals(TextNormalizer.Fold(c.Name), stem, StringComparison.Ordinal));
        }

        private void UpdateContact(Customer customer, Contact existing, CustomerRow row, bool overwrite, Instant now)
        {
            string? Pick(string? current, string? incoming, bool same) => incoming is null || same ? current : overwrite || current is null ? incoming : current;

            // The same number, e-mail or address in another form (138 0000 0001 and +8613800000001, Wang@ and wang@, (东) and （东）) is no
            // change: the stored text stays, unless the row adds an extension the stored number does not have.
            var samePhone = existing.Phone is not null && row.Phone is not null && PhoneNormalizer.TryGetKey(existing.Phone, out var stored)
                && stored == row.PhoneKey && (!row.Phone.Contains('转', StringComparison.Ordinal) || string.Equals(existing.Phone, row.Phone, StringComparison.Ordinal));
            var sameEmail = string.Equals(existing.Email, row.Email, StringComparison.OrdinalIgnoreCase);
            var updated = existing with
            {
                Role = row.ContactRole is { } role && (overwrite || existing.Role == _options.DefaultContactRole) ? role : existing.Role,
                Phone = Pick(existing.Phone, row.Phone, samePhone),
                Email = Pick(existing.Email, row.Email, sameEmail),
                Address = Pick(existing.Address, row.Address, string.Equals(TextNormalizer.Fold(existing.Address), TextNormalizer.Fold(row.Address), StringComparison.Ordinal)),
            };
            if (updated != existing)
            {
                customer.UpdateContact(now, updated);
            }
        }
    }
}
