using Npgsql;

namespace CrmCore.Storage.PostgreSql;

/// <summary>
/// One <see cref="NpgsqlDataSource"/> (a connection pool) for one database and schema; each operation opens a pooled
/// connection, and the schema is prepared once before the first operation (asynchronously on the asynchronous paths; a failed
/// preparation, for example the server not up yet, is tried again by the next operation). Thread-safe; dispose with the host.
/// </summary>
internal sealed class PostgreSqlDatabase : DbSource, IDisposable, IAsyncDisposable
{
    private readonly SemaphoreSlim _prepareGate = new(1, 1);
    private volatile bool _prepared;

    public PostgreSqlDatabase(PostgreSqlStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        Options = options;
        // Statements are few and repeated: let Npgsql prepare them on the server unless the host chose otherwise.
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = 64;
        }

        // A pooled connection is reset before its next use (Npgsql prepends seven statements to the next command, which the
        // server runs on every use). The storage leaves no session state behind (its locks are
        // transaction-scoped, its one temporary table is dropped at commit), so it skips the reset unless the host set the keyword.
        if (!SetsKeyword(options.ConnectionString, "No Reset On Close", "NoResetOnClose"))
        {
            connection.NoResetOnClose = true;
        }

        DataSource = NpgsqlDataSource.Create(connection.ConnectionString);

        // The leased claim is one statement with five to seven parameters: under the default plan cache mode the server plans it anew at
        // every execution (its generic plan is estimated dearer), which cost about a fifth of the claim's server time. The claim's plan
        // does not depend on the values (index walks per bucket head), so its pool uses the generic plan unless the host chose a mode.
        var queue = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        if (!(queue.Options ?? string.Empty).Contains("plan_cache_mode", StringComparison.OrdinalIgnoreCase))
        {
            queue.Options = (queue.Options + " -c plan_cache_mode=force_generic_plan").Trim();
        }

        if (options.AsynchronousQueueCommit)
        {
            queue.Options = (queue.Options + " -c synchronous_commit=off").Trim();
        }

        QueueDataSource = queue.ConnectionString == connection.ConnectionString ? DataSource : NpgsqlDataSource.Create(queue.ConnectionString);
    }

    public PostgreSqlStorageOptions Options { get; }

    private static bool SetsKeyword(string connectionString, params string[] names)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return names.Any(given.ContainsKey);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The pool for leased queue claims, completions and releases: generic plans (<c>plan_cache_mode=force_generic_plan</c>,
    /// unless the connection string sets a mode) and, with <see cref="PostgreSqlStorageOptions.AsynchronousQueueCommit"/>,
    /// <c>synchronous_commit=off</c>; <see cref="DataSource"/> itself when neither applies.</summary>
    public NpgsqlDataSource QueueDataSource { get; }

    /// <summary>Replaces <c>{schema}</c> in SQL text by the configured schema (validated to be a plain identifier).</summary>
    public string Sql(string text) => text.Replace("{schema}", Options.Schema, StringComparison.Ordinal);

    public NpgsqlConnection Open()
    {
        if (!_prepared)
        {
            PrepareAsync(sync: true, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return DataSource.OpenConnection();
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_prepared)
        {
            await PrepareAsync(sync: false, cancellationToken).ConfigureAwait(false);
        }

        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<NpgsqlConnection> OpenQueueAsync(CancellationToken cancellationToken)
    {
        if (!_prepared)
        {
            await PrepareAsync(sync: false, cancellationToken).ConfigureAwait(false);
        }

        return await QueueDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override System.Data.Common.DbTransaction BeginTransaction(System.Data.Common.DbConnection connection) => ((NpgsqlConnection)connection).BeginTransaction();

    /// <inheritdoc />
    public override async ValueTask<System.Data.Common.DbTransaction> BeginTransactionAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    /// <remarks>
    /// PostgreSQL aborts a transaction at any statement that fails in it (a write's, a read's: a cancelled or timed-out query, a bad
    /// cast), answers every later statement with 25P02 and the COMMIT with a ROLLBACK, which Npgsql reports as a successful commit
    /// (AllOrNothingFailureContractTests.Npgsql_CommitOfATransactionAbortedByAFailedStatement_ThrowsNothing_AndCommitsNothing). A caller
    /// that caught a store call's failure in a transaction with no savepoint around it (one begun all or nothing, or a read in a host's)
    /// would be told that work the server threw away was committed. So the COMMIT goes with a statement sent before it in the same round
    /// trip: in an aborted transaction that statement fails (25P02) and the server skips the COMMIT (the rest of the batch, up to its
    /// Sync), the transaction is rolled back and the commit throws; in a healthy one it does nothing. A statement that failed inside a
    /// savepoint rolled back since (a joined transaction's, a store step's) no longer aborts anything, and a store call that failed
    /// without a failing statement (a version conflict found by a 0-row update) never did: both commit.
    /// </remarks>
    public override async ValueTask CommitSessionAsync(DbHandle handle, System.Data.Common.DbTransaction transaction)
    {
        try
        {
            await handle.Command(CheckedCommit, transaction).ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (PostgresException aborted) when (aborted.SqlState == PostgresErrorCodes.InFailedSqlTransaction)
        {
            try
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException)
            {
                // The connection is closed by the caller instead of being kept (a failed commit never returns it clean), which ends the
                // transaction on the server all the same; the rollback's own failure is not the news.
            }

            throw new InvalidOperationException(
                "The store transaction was rolled back: a statement in it failed and was caught, which on PostgreSQL aborts the whole transaction; nothing of it was committed.",
                aborted);
        }
    }

    // A statement that fails in an aborted transaction, then the COMMIT, in one round trip (see CommitSessionAsync).
    private const string CheckedCommit = "SELECT 1; COMMIT";

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        if (!ReferenceEquals(QueueDataSource, DataSource))
        {
            await QueueDataSource.DisposeAsync().ConfigureAwait(false);
        }

        await DataSource.DisposeAsync().ConfigureAwait(false);
        _prepareGate.Dispose();
    }

    public void Dispose()
    {
        Close();
        if (!ReferenceEquals(QueueDataSource, DataSource))
        {
            QueueDataSource.Dispose();
        }

        DataSource.Dispose();
        _prepareGate.Dispose();
    }

    // Npgsql pools connections and keeps their prepared statements (auto-prepare), so nothing is kept open here.
    protected override System.Data.Common.DbConnection OpenConnection() => Open();

    protected override async ValueTask<System.Data.Common.DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await OpenAsync(cancellationToken).ConfigureAwait(false);

    // With sync true every step completes synchronously, so the synchronous Open blocks on no task.
    private async ValueTask PrepareAsync(bool sync, CancellationToken cancellationToken)
    {
        if (sync)
        {
            _prepareGate.Wait(cancellationToken);
        }
        else
        {
            await _prepareGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (_prepared)
            {
                return;
            }

            await using var connection = sync ? DataSource.OpenConnection() : await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await PostgreSqlSchema.ApplyAsync(connection, Options.Schema, Options.PrepareSchema, sync, cancellationToken).ConfigureAwait(false);
            _prepared = true;
        }
        finally
        {
            _prepareGate.Release();
        }
    }
}
