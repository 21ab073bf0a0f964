using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Imports;

/// <summary>
/// The record of import runs: each run is started, advanced batch by batch and finished, so that running the same file again is
/// recognised (<see cref="FindByFileHashAsync"/>) and an interrupted run is visible. Implementations: <see cref="InMemoryImportLedger"/>,
/// SQLite and PostgreSQL (table <c>import_run</c>). Thread-safe.
/// </summary>
public interface IImportLedger
{
    /// <summary>Records a new run.</summary>
    /// <param name="run">The run, with no batches yet.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ArgumentException">A run with that id is recorded.</exception>
    ValueTask StartAsync(ImportRun run, CancellationToken cancellationToken = default);

    /// <summary>Records that a batch was committed: the run's batch count and totals become the given ones.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="batches">The batches committed so far.</param>
    /// <param name="totals">The outcomes of every row in those batches.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="KeyNotFoundException">No such run.</exception>
    ValueTask RecordBatchAsync(string runId, int batches, ImportTotals totals, CancellationToken cancellationToken = default);

    /// <summary>Marks a run finished and forgets the customers recorded for it (<see cref="RecordCustomersAsync"/>): they serve only while
    /// the run lasts. A run that never finishes (the process was killed) keeps those of the batches it committed.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="finishedAt">When it finished.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="KeyNotFoundException">No such run.</exception>
    ValueTask FinishAsync(string runId, Instant finishedAt, CancellationToken cancellationToken = default);

    /// <summary>Reads one run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The run, or null.</returns>
    ValueTask<ImportRun?> FindAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The runs of a file's content, newest first.</summary>
    /// <param name="fileHash">The <see cref="ImportRun.FileHash"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The runs (empty when the content was never imported).</returns>
    ValueTask<IReadOnlyList<ImportRun>> FindByFileHashAsync(string fileHash, CancellationToken cancellationToken = default);

    /// <summary>Records customers a run created or changed; a customer recorded before for the run is replaced.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="customers">The customers, at most one per id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="KeyNotFoundException">No such run.</exception>
    ValueTask RecordCustomersAsync(string runId, IReadOnlyCollection<ImportRunCustomer> customers, CancellationToken cancellationToken = default);

    /// <summary>The customers of <paramref name="customerIds"/> that a run recorded.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="customerIds">The customers to look for.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Those recorded, in no particular order (empty for an unknown run).</returns>
    ValueTask<IReadOnlyList<ImportRunCustomer>> FindCustomersAsync(string runId, IReadOnlyCollection<CustomerId> customerIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the runs that finished before <paramref name="before"/>, with anything recorded for them, so that a ledger written by
    /// daily imports does not grow for ever. A run that never finished is kept, however old (the next import of its file takes it up
    /// where it stopped), unless a later run of the same file and key that is removed started after it: that run took it up, so it goes
    /// with it. The ledger records no heartbeat, so an import still running while a later import of its file finished counts as taken
    /// up too: prune when no import of the same file is running. Once a run is removed, its file is new to the ledger: the next import
    /// of the same content applies every row again, as a first import would.
    /// </summary>
    /// <param name="before">Runs that finished strictly before this instant are removed.</param>
    /// <param name="preview">True to remove nothing and only say what would be removed.</param>
    /// <param name="cancellationToken">Cancels the change (nothing is removed then).</param>
    /// <returns>The runs removed (or that would be) and how many unfinished ones older than <paramref name="before"/> were kept.</returns>
    ValueTask<ImportLedgerPrune> PruneAsync(Instant before, bool preview = false, CancellationToken cancellationToken = default);
}
