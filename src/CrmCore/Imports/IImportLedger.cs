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
    /// <summary>A run number this ledger never gave before, for a new run's id (<c>{hash}-{n}</c>): numbers only grow, for the store's
    /// life, pruned runs or not, so an id (the audit trail's correlation id) never names two runs. Safe with several processes (and, on
    /// PostgreSQL, several hosts) starting runs at once; a number taken by a run that never started is skipped. Inside a host's store
    /// transaction, PostgreSQL draws on a connection of its own (a number drawn there is spent, whatever the transaction does); SQLite
    /// draws inside that transaction, which holds the database's only write lock (a second connection would wait for it until the busy
    /// timeout), so if it rolls back the number is handed out again, the run recorded with it being rolled back too.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The number, 1 or more.</returns>
    ValueTask<long> NextRunNumberAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a new run; its <see cref="ImportRun.LastActiveAt"/> is its start unless given.</summary>
    /// <param name="run">The run, with no batches yet.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ArgumentException">A run with that id is recorded.</exception>
    ValueTask StartAsync(ImportRun run, CancellationToken cancellationToken = default);

    /// <summary>Records that a batch was committed: the run's batch count and totals become the given ones, and its
    /// <see cref="ImportRun.LastActiveAt"/> becomes <paramref name="at"/> (the run shows it is alive).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="batches">The batches committed so far.</param>
    /// <param name="totals">The outcomes of every row in those batches.</param>
    /// <param name="at">When the batch was recorded (the importer's clock).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="KeyNotFoundException">No such run.</exception>
    ValueTask RecordBatchAsync(string runId, int batches, ImportTotals totals, Instant at, CancellationToken cancellationToken = default);

    /// <summary>Marks a run finished (its <see cref="ImportRun.LastActiveAt"/> too) and forgets the customers recorded for it (<see cref="RecordCustomersAsync"/>): they serve only while
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
    /// where it stopped), unless it was superseded: a later run of the same file, entity and key that is removed started after it, and
    /// the unfinished run recorded nothing since that later run started (its <see cref="ImportRun.LastActiveAt"/> is not after the later
    /// run's start). That later run took it up (or did it again), so it goes with it. An unfinished run that recorded a batch after the
    /// later run started was still running: it is kept, however the later run ended. Once a run is removed, its file is new to the
    /// ledger: the next import of the same content applies every row again, as a first import would; run ids are never given again
    /// (<see cref="NextRunNumberAsync"/>).
    /// </summary>
    /// <param name="before">Runs that finished strictly before this instant are removed.</param>
    /// <param name="preview">True to remove nothing and only say what would be removed.</param>
    /// <param name="cancellationToken">Cancels the change (nothing is removed then).</param>
    /// <returns>The runs removed (or that would be) and how many unfinished ones older than <paramref name="before"/> were kept.</returns>
    ValueTask<ImportLedgerPrune> PruneAsync(Instant before, bool preview = false, CancellationToken cancellationToken = default);
}
