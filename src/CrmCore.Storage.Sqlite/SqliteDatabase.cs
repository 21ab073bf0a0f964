using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace CrmCore.Storage.Sqlite;

/// <summary>
/// Opens connections to one SQLite database, one per operation (pooled by Microsoft.Data.Sqlite), in WAL mode with the configured
/// <c>synchronous</c> and busy timeout, and prepares the schema once before the first operation. Thread-safe.
/// </summary>
internal sealed class SqliteDatabase
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

    /// <summary>Opens a connection, preparing the schema first when this is the first one.</summary>
    public SqliteConnection Open()
    {
        _ = _prepared.Value;
        return OpenRaw();
    }

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

    private bool Prepare()
    {
        using var connection = OpenRaw();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = 'wal';";
            wal.ExecuteScalar();
        }

        SqliteSchema.Apply(connection, Options.DataSource, apply: Options.PrepareSchema);
        return true;
    }
}
