using CrmCore.Import.Mapping;
using CrmCore.Import.Reports;
using NodaTime;

namespace CrmCore.Import.Tables;

/// <summary>
/// What the ticket, plan, survey, asset and article importers share: the options checked once, and the two ways to import (a file or a
/// stream), each a fresh run of the shared batch engine. The derived importer only names its store. Not thread-safe: one import at a time
/// per instance.
/// </summary>
/// <typeparam name="TField">The entity's field enum.</typeparam>
public abstract class TableImporter<TField>
    where TField : struct, Enum
{
    private readonly ImportMapping<TField> _builtIn;
    private readonly IClock _clock;

    /// <summary>Checks the options and keeps them.</summary>
    /// <param name="clock">The clock for the ledger's and the audit trail's times.</param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <param name="builtIn">The entity's built-in mapping, used when the options name none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> or <paramref name="builtIn"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">An audit store or a ledger is given without a clock.</exception>
    private protected TableImporter(IClock clock, TableImportOptions<TField>? options, ImportMapping<TField> builtIn)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(builtIn);
        Options = options ?? new TableImportOptions<TField>();
        Options.Validate();
        if (clock is NoLedgerClock && (Options.Audit is not null || Options.Ledger is not null))
        {
            throw new ArgumentException("An import that writes audit records needs a clock: use the importer's constructor that takes an IClock.", nameof(clock));
        }

        _clock = clock;
        _builtIn = builtIn;
    }

    /// <summary>The options, checked.</summary>
    private protected TableImportOptions<TField> Options { get; }

    /// <summary>Imports a file (.csv, .xlsx, .json or .jsonl).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the import between rows; written batches stay written.</param>
    /// <returns>The report: one outcome per row read.</returns>
    /// <exception cref="ArgumentException">The path is null, empty or white space.</exception>
    /// <exception cref="ImportFileException">The file cannot be read as a table (missing, a folder, no header row, bad encoding, damaged
    /// workbook).</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled.</exception>
    public Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken = default) => Run().ImportAsync(path, cancellationToken);

    /// <summary>Imports a table from a stream.</summary>
    /// <param name="stream">The content, from its current position; left open. A stream that cannot seek (an upload, a network stream) is
    /// first copied to a temporary file, deleted when the import ends: encoding, delimiter and format detection and the file hash of the
    /// ledger and the audit record all read the content more than once.</param>
    /// <param name="name">The file name, for the format (when the options say Auto), the messages and the audit record.</param>
    /// <param name="cancellationToken">Cancels the import between rows.</param>
    /// <returns>The report: one outcome per row read.</returns>
    /// <exception cref="ImportFileException">The content cannot be read as a table.</exception>
    /// <exception cref="IOException">A stream that cannot seek could not be copied to a temporary file.</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled.</exception>
    public Task<ImportReport> ImportAsync(Stream stream, string name, CancellationToken cancellationToken = default) =>
        Run().ImportAsync(stream, name, cancellationToken);

    /// <summary>The entity's table over its store, fresh for each run.</summary>
    private protected abstract IRecordTable<TField> CreateTable();

    private TableImport<TField> Run() => new(CreateTable(), Options, _builtIn, _clock);
}
