using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace CrmCore.Storage.Sqlite;

/// <summary>
/// Opens connections to one SQLite database in WAL mode with the configured <c>synchronous</c> and busy timeout, and prepares the schema
/// once before the first operation. The stores lease connections through <see cref="DbSource"/>, which keeps a few open with their
/// prepared statements; a desk command's transaction holds one connection and SQLite's write lock (<c>BEGIN IMMEDIATE</c>) from its first
/// read to its commit. Thread-safe.
/// </summary>
internal sealed class SqliteDatabase : DbSource, IDisposable, IAsyncDisposable
{
    private readonly string _connectionString;
    private static readonly object Configured = new();
    private readonly string _connectionPragmas;
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    private readonly Lazy<bool> _prepared;

    public SqliteDatabase(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        Options = options;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DataSource,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _connectionPragmas = "PRAGMA foreign_keys = 1; PRAGMA synchronous = " + ((int)options.Synchronous).ToString(CultureInfo.InvariantCulture) + ";";
        _prepared = new Lazy<bool>(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public SqliteStorageOptions Options { get; }

    /// <summary>
    /// Opens a connection of its own, preparing the schema first when this is the first one. Refused inside a desk command's transaction
    /// on this database: that transaction holds SQLite's write lock, so a second connection's write would wait for it forever.
    /// </summary>
    /// <exception cref="InvalidOperationException">A store transaction of this database is open on the current flow.</exception>
    public SqliteConnection Open()
    {
        if (Current is not null)
        {
            throw new InvalidOperationException("A store transaction is open on this SQLite database: use its connection (DbSource.Lease), not a second one.");
        }

        _ = _prepared.Value;
        return OpenRaw();
    }

    /// <inheritdoc />
    public override System.Data.Common.DbTransaction BeginTransaction(System.Data.Common.DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);

    /// <inheritdoc />
    public override ValueTask<System.Data.Common.DbTransaction> BeginTransactionAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult(BeginTransaction(connection));

    // No CommitSessionAsync override (PostgreSQL's checks that no failed statement aborted the transaction): a store transaction here
    // commits through the driver, a caught read's failure notwithstanding. SQLite rolls a transaction back on its own only after a few
    // errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY, SQLITE_NOMEM; https://www.sqlite.org/lang_transaction.html, "Response To Errors
    // Within A Transaction") or an interrupted INSERT, UPDATE or DELETE (https://www.sqlite.org/c3ref/interrupt.html), and then the
    // COMMIT fails ("no transaction is active") instead of answering with a silent rollback; a SELECT that fails undoes nothing and leaves
    // the transaction going. A failed write is covered by DbLease (a write begun and not committed makes the session unfit), so a read
    // is the only failure left, and the writes that succeeded commit, as the in-memory stores' would
    // (AllOrNothingFailureContractTests.AllOrNothing_ACaughtReadWhoseStatementFailed_PostgreSqlCommitsNothing_SqliteCommitsTheRest).

    // A few open connections with their prepared statements: a desk command then prepares nothing.
    protected override int KeepOpen => 16;

    protected override System.Data.Common.DbConnection OpenConnection()
    {
        _ = _prepared.Value;
        return OpenRaw();
    }

    protected override ValueTask<System.Data.Common.DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) => ValueTask.FromResult(OpenConnection());

    // The pragmas are per connection and a pooled connection keeps them, so they run once per underlying handle, not on every open
    // (two statements fewer per operation).
    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var handle = connection.Handle!;
        if (!_configured.TryGetValue(handle, out _))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _connectionPragmas;
            command.ExecuteNonQuery();
            _configured.AddOrUpdate(handle, Configured);
        }

        return connection;
    }

    /// <summary>Closes the connections kept open and empties the driver's pool of this file, so that the last close checkpoints the WAL and
    /// the file is free (to delete, move or open exclusively). Connections in use close when they are given back.</summary>
    public void Dispose()
    {
        Close();
        ClearPool();
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        ClearPool();
    }

    private void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private bool Prepare()
    {
        using var connection = OpenRaw();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = 'wal';";
            IsWal = string.Equals(Convert.ToString(wal.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), "wal", StringComparison.OrdinalIgnoreCase);
        }

        SqliteSchema.Apply(connection, Options.DataSource, apply: Options.PrepareSchema);
        return true;
    }

    /// <summary>True when the file is in WAL mode (a reader on another connection never waits for a writer); false when the file system
    /// refused it and SQLite kept its rollback journal.</summary>
    /// <remarks>Tests set it false on a WAL file to take the rollback-journal paths (which only leave out reads on a second connection).</remarks>
    internal bool IsWal { get; set; }
}
