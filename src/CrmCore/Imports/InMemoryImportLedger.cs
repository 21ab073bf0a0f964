using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Imports;

/// <summary>The default import ledger: runs in memory, lost when the process ends. Thread-safe; completes synchronously.</summary>
public sealed class InMemoryImportLedger : IImportLedger
{
    private readonly Dictionary<string, ImportRun> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Run, CustomerId Customer), ImportRunCustomer> _customers = [];
    private readonly Lock _gate = new();
    private long _lastRunNumber;

    /// <inheritdoc />
    public ValueTask<long> NextRunNumberAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Interlocked.Increment(ref _lastRunNumber));

    /// <inheritdoc />
    public ValueTask StartAsync(ImportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            if (!_runs.TryAdd(run.Id, run with { LastActiveAt = run.LastActiveAt ?? run.StartedAt }))
            {
                throw new ArgumentException($"Import run {run.Id} is already recorded.", nameof(run));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RecordBatchAsync(string runId, int batches, ImportTotals totals, Instant at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentOutOfRangeException.ThrowIfNegative(batches);
        Change(runId, run => run with { Batches = batches, Totals = totals, LastActiveAt = at });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask FinishAsync(string runId, Instant finishedAt, CancellationToken cancellationToken = default)
    {
        Change(runId, run => run with { FinishedAt = finishedAt, LastActiveAt = finishedAt });
        lock (_gate)
        {
            foreach (var key in _customers.Keys.Where(k => k.Run == runId).ToList())
            {
                _customers.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ImportRun?> FindAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        lock (_gate)
        {
            return ValueTask.FromResult(_runs.GetValueOrDefault(runId));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ImportRun>> FindByFileHashAsync(string fileHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileHash);
        lock (_gate)
        {
            IReadOnlyList<ImportRun> runs = [.. _runs.Values.Where(r => r.FileHash == fileHash).OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)];
            return ValueTask.FromResult(runs);
        }
    }

    /// <inheritdoc />
    public ValueTask RecordCustomersAsync(string runId, IReadOnlyCollection<ImportRunCustomer> customers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(customers);
        lock (_gate)
        {
            if (!_runs.ContainsKey(runId))
            {
                throw new KeyNotFoundException($"No import run {runId} is recorded.");
            }

            foreach (var customer in customers)
            {
                _customers[(runId, customer.CustomerId)] = customer;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ImportRunCustomer>> FindCustomersAsync(string runId, IReadOnlyCollection<CustomerId> customerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(customerIds);
        lock (_gate)
        {
            IReadOnlyList<ImportRunCustomer> found = [.. customerIds.Distinct().Select(id => _customers.GetValueOrDefault((runId, id))).OfType<ImportRunCustomer>()];
            return ValueTask.FromResult(found);
        }
    }

    /// <inheritdoc />
    public ValueTask<ImportLedgerPrune> PruneAsync(Instant before, bool preview = false, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            bool Superseded(ImportRun run) => run.FinishedAt is null && _runs.Values.Any(f => f.FinishedAt < before && run.SupersededBy(f));
            List<ImportRun> pruned = [.. _runs.Values.Where(r => r.FinishedAt < before || Superseded(r))];
            pruned.Sort(ImportLedgerPrune.Order);
            var kept = _runs.Values.Count(r => r.FinishedAt is null && r.StartedAt < before && !Superseded(r));
            if (!preview)
            {
                foreach (var run in pruned)
                {
                    _runs.Remove(run.Id);
                    foreach (var key in _customers.Keys.Where(k => k.Run == run.Id).ToList())
                    {
                        _customers.Remove(key);
                    }
                }
            }

            return ValueTask.FromResult(new ImportLedgerPrune(pruned, kept));
        }
    }

    private void Change(string runId, Func<ImportRun, ImportRun> change)
    {
        ArgumentNullException.ThrowIfNull(runId);
        lock (_gate)
        {
            _runs[runId] = _runs.TryGetValue(runId, out var run) ? change(run) : throw new KeyNotFoundException($"No import run {runId} is recorded.");
        }
    }
}
