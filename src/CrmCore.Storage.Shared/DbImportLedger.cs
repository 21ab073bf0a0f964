using System.Data.Common;
using System.Globalization;
using CrmCore.Customers;
using CrmCore.Imports;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>Import runs in a database: one row each (table <c>import_run</c>), found by id or by file hash. Thread-safe.</summary>
internal sealed class DbImportLedger(DeskSql sql) : IImportLedger
{
    private const string Columns =
        "id, entity, file_name, file_hash, mapping, started_at, finished_at, batches, inserted, updated, unchanged, merged, held, rejected, skipped, last_active_at";

    /// <summary>The <c>id_sequence</c> row the run numbers come from (<see cref="NextRunNumberAsync"/>); the schema that added
    /// <c>last_active_at</c> started it above every run id the ledger held.</summary>
    private const string RunNumbers = "import_run";

    /// <inheritdoc />
    public async ValueTask<long> NextRunNumberAsync(CancellationToken cancellationToken = default) =>
        (await sql.ReserveAsync(RunNumbers, string.Empty, 1, long.MaxValue, cancellationToken).ConfigureAwait(false)).First;

    /// <inheritdoc />
    public async ValueTask StartAsync(ImportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.Transaction = lease.Transaction;
        command.CommandText = sql.Sql($"INSERT INTO {{t}}import_run ({Columns}) VALUES ({string.Join(", ", Columns.Split(", ").Select(c => "@" + c))}) ON CONFLICT (id) DO NOTHING");
        DeskSql.Add(command, "@id", run.Id);
        DeskSql.Add(command, "@entity", run.Entity);
        DeskSql.Add(command, "@file_name", run.File);
        DeskSql.Add(command, "@file_hash", run.FileHash);
        DeskSql.Add(command, "@mapping", run.Mapping);
        DeskSql.Add(command, "@started_at", sql.Time(run.StartedAt));
        DeskSql.Add(command, "@finished_at", sql.TimeOrNull(run.FinishedAt));
        DeskSql.Add(command, "@batches", (long)run.Batches);
        BindTotals(command, run.Totals);
        DeskSql.Add(command, "@last_active_at", sql.Time(run.LastActiveAt ?? run.StartedAt));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new ArgumentException($"Import run {run.Id} is already recorded.", nameof(run));
        }
    }

    /// <inheritdoc />
    public async ValueTask RecordBatchAsync(string runId, int batches, ImportTotals totals, Instant at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentOutOfRangeException.ThrowIfNegative(batches);
        await UpdateAsync(
            runId,
            "batches = @batches, inserted = @inserted, updated = @updated, unchanged = @unchanged, merged = @merged, held = @held, rejected = @rejected, skipped = @skipped, " +
            "last_active_at = @last_active_at",
            command =>
            {
                DeskSql.Add(command, "@batches", (long)batches);
                BindTotals(command, totals);
                DeskSql.Add(command, "@last_active_at", sql.Time(at));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask FinishAsync(string runId, Instant finishedAt, CancellationToken cancellationToken = default)
    {
        await UpdateAsync(runId, "finished_at = @finished_at, last_active_at = @finished_at", command => DeskSql.Add(command, "@finished_at", sql.Time(finishedAt)), cancellationToken).ConfigureAwait(false);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var forget = lease.Command(sql.Sql("DELETE FROM {t}import_run_customer WHERE run_id = @run"));
        DeskSql.Add(forget, "@run", runId);
        await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ImportRun?> FindAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var runs = await ReadAsync("id = @key", runId, cancellationToken).ConfigureAwait(false);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ImportRun>> FindByFileHashAsync(string fileHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileHash);
        return await ReadAsync("file_hash = @key", fileHash, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RecordCustomersAsync(string runId, IReadOnlyCollection<ImportRunCustomer> customers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(customers);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        var exists = lease.Command(sql.Sql("SELECT 1 FROM {t}import_run WHERE id = @id"));
        DeskSql.Add(exists, "@id", runId);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            lease.FailsWithoutWrite();
            throw new KeyNotFoundException($"No import run {runId} is recorded.");
        }

        var upsert = lease.Command(sql.Sql(
            "INSERT INTO {t}import_run_customer (run_id, customer_id, line, created, newest_on) VALUES (@run, @customer, @line, @created, @newest) " +
            "ON CONFLICT (run_id, customer_id) DO UPDATE SET line = excluded.line, created = excluded.created, newest_on = excluded.newest_on"));
        foreach (var customer in customers)
        {
            DeskSql.Add(upsert, "@run", runId);
            DeskSql.Add(upsert, "@customer", customer.CustomerId.Value);
            DeskSql.Add(upsert, "@line", customer.Line);
            DeskSql.Add(upsert, "@created", sql.Bool(customer.Created));
            DeskSql.Add(upsert, "@newest", customer.NewestOn is { } date ? DeskJson.Date(date) : null);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ImportRunCustomer>> FindCustomersAsync(string runId, IReadOnlyCollection<CustomerId> customerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(customerIds);
        var found = new List<ImportRunCustomer>();
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in customerIds.Distinct().Chunk(500))
        {
            await using var command = lease.Connection.CreateCommand();
            command.Transaction = lease.Transaction;
            command.CommandText = sql.Sql(
                "SELECT customer_id, line, created, newest_on FROM {t}import_run_customer WHERE run_id = @run AND customer_id IN ("
                + string.Join(", ", chunk.Select((_, i) => "@c" + i.ToString(CultureInfo.InvariantCulture))) + ")");
            DeskSql.Add(command, "@run", runId);
            for (var i = 0; i < chunk.Length; i++)
            {
                DeskSql.AddNew(command, "@c" + i.ToString(CultureInfo.InvariantCulture), chunk[i].Value);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add(new ImportRunCustomer(
                    new CustomerId(reader.GetString(0)), DeskSql.Int(reader, 1), Convert.ToBoolean(reader.GetValue(2), CultureInfo.InvariantCulture),
                    reader.IsDBNull(3) ? null : DeskJson.Date(reader.GetString(3))));
            }
        }

        return found;
    }

    /// <summary>An unfinished run (alias <c>r</c>) that a later run of the same file, entity and key finished before <c>@key</c>, and that
    /// recorded nothing since that run started, so that nothing takes it up any more: it goes with that run. One that recorded a batch
    /// after it was still running, and is kept. <see cref="ImportRun.SupersededBy"/> in SQL (the in-memory ledger and the lease check use that).</summary>
    private const string Superseded =
        "r.finished_at IS NULL AND EXISTS (SELECT 1 FROM {t}import_run f WHERE f.file_hash = r.file_hash AND f.entity = r.entity AND f.mapping = r.mapping " +
        "AND f.id <> r.id AND f.finished_at IS NOT NULL AND f.finished_at < @key AND f.started_at >= r.started_at AND r.last_active_at <= f.started_at)";

    /// <inheritdoc />
    public async ValueTask<ImportLedgerPrune> PruneAsync(Instant before, bool preview = false, CancellationToken cancellationToken = default)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        if (!preview)
        {
            // Only a prune writes: a preview reads without a write transaction, so it never waits for an import holding SQLite's write lock.
            await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        }

        var pruned = await ReadAsync(lease, $"(r.finished_at IS NOT NULL AND r.finished_at < @key) OR ({Superseded})", sql.Time(before), cancellationToken).ConfigureAwait(false);
        pruned.Sort(ImportLedgerPrune.Order);
        var unfinished = lease.Command(sql.Sql($"SELECT COUNT(*) FROM {{t}}import_run r WHERE r.finished_at IS NULL AND r.started_at < @key AND NOT ({Superseded})"));
        DeskSql.Add(unfinished, "@key", sql.Time(before));
        var kept = Convert.ToInt32(await unfinished.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (!preview)
        {
            // The runs read above, by id: what is removed is exactly what is reported.
            var customers = lease.Command(sql.Sql("DELETE FROM {t}import_run_customer WHERE run_id = @id"));
            var runs = lease.Command(sql.Sql("DELETE FROM {t}import_run WHERE id = @id"));
            foreach (var run in pruned)
            {
                DeskSql.Add(customers, "@id", run.Id);
                await customers.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                DeskSql.Add(runs, "@id", run.Id);
                await runs.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                lease.Wrote();
            }

            await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new ImportLedgerPrune(pruned, kept);
    }

    private static void BindTotals(DbCommand command, ImportTotals t)
    {
        DeskSql.Add(command, "@inserted", (long)t.Inserted);
        DeskSql.Add(command, "@updated", (long)t.Updated);
        DeskSql.Add(command, "@unchanged", (long)t.Unchanged);
        DeskSql.Add(command, "@merged", (long)t.Merged);
        DeskSql.Add(command, "@held", (long)t.Held);
        DeskSql.Add(command, "@rejected", (long)t.Rejected);
        DeskSql.Add(command, "@skipped", (long)t.Skipped);
    }

    private async ValueTask UpdateAsync(string runId, string set, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.Transaction = lease.Transaction;
        command.CommandText = sql.Sql($"UPDATE {{t}}import_run SET {set} WHERE id = @id");
        DeskSql.Add(command, "@id", runId);
        bind(command);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new KeyNotFoundException($"No import run {runId} is recorded.");
        }
    }

    private async Task<List<ImportRun>> ReadAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(lease, where, key, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<ImportRun>> ReadAsync(DbLease lease, string where, object key, CancellationToken cancellationToken)
    {
        await using var command = lease.Connection.CreateCommand();
        command.Transaction = lease.Transaction;
        command.CommandText = sql.Sql($"SELECT {Columns} FROM {{t}}import_run r WHERE {where} ORDER BY started_at DESC, id DESC");
        DeskSql.Add(command, "@key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<ImportRun>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new ImportRun
            {
                Id = reader.GetString(0),
                Entity = reader.GetString(1),
                File = reader.GetString(2),
                FileHash = reader.GetString(3),
                Mapping = reader.GetString(4),
                StartedAt = sql.ReadTime(reader, 5),
                FinishedAt = sql.ReadTimeOrNull(reader, 6),
                Batches = DeskSql.Int(reader, 7),
                Totals = new ImportTotals
                {
                    Inserted = DeskSql.Int(reader, 8),
                    Updated = DeskSql.Int(reader, 9),
                    Unchanged = DeskSql.Int(reader, 10),
                    Merged = DeskSql.Int(reader, 11),
                    Held = DeskSql.Int(reader, 12),
                    Rejected = DeskSql.Int(reader, 13),
                    Skipped = DeskSql.Int(reader, 14),
                },
                LastActiveAt = sql.ReadTime(reader, 15),
            });
        }

        return runs;
    }
}
