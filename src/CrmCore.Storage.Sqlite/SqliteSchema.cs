using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CrmCore.Storage.Sqlite;

/// <summary>
/// The SQLite schema: numbered scripts embedded in this assembly, recorded in the <c>crm_schema_version</c> table. Stores apply
/// the missing scripts on first use unless <see cref="SqliteStorageOptions.PrepareSchema"/> is false. Thread-safe.
/// </summary>
public static class SqliteSchema
{
    private static readonly IReadOnlyList<SchemaScript> Scripts = SchemaScript.Load(typeof(SqliteSchema).Assembly);

    /// <summary>The schema version this library needs (the highest script number).</summary>
    public static int LatestVersion => Scripts.Count;

    /// <summary>
    /// The whole schema as one SQL script for administrators who apply it themselves: every migration in order, each followed
    /// by its row in <c>crm_schema_version</c>, in one transaction.
    /// </summary>
    /// <returns>The SQL text.</returns>
    public static string Script() => Script(fromVersion: 0);

    /// <summary>
    /// The SQL that upgrades a database of schema version <paramref name="fromVersion"/> (0: an empty one) to <see cref="LatestVersion"/>,
    /// in one transaction, as <see cref="Script()"/> writes it: the migrations after <paramref name="fromVersion"/>, each followed by its row
    /// in <c>crm_schema_version</c>. For <see cref="LatestVersion"/> the transaction holds no migration.
    /// </summary>
    /// <param name="fromVersion">The schema version the database has, 0 to <see cref="LatestVersion"/>.</param>
    /// <returns>The SQL text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fromVersion"/> is negative or above <see cref="LatestVersion"/>.</exception>
    public static string Script(int fromVersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromVersion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromVersion, LatestVersion);
        var builder = new StringBuilder();
        builder.AppendLine(fromVersion == 0
            ? "-- CrmCore SQLite schema, version " + LatestVersion.ToString(CultureInfo.InvariantCulture) + ". Apply with: sqlite3 crm.db < this-file.sql"
            : string.Create(CultureInfo.InvariantCulture, $"-- CrmCore SQLite schema, from version {fromVersion} to {LatestVersion}. Apply with: sqlite3 crm.db < this-file.sql"));
        builder.AppendLine("PRAGMA journal_mode = 'wal';");
        builder.AppendLine("BEGIN IMMEDIATE;");
        builder.AppendLine(VersionTable);
        foreach (var script in Scripts.Where(s => s.Version > fromVersion))
        {
            builder.AppendLine();
            builder.AppendLine(CultureInfo.InvariantCulture, $"-- V{script.Version:000}__{script.Name}");
            builder.AppendLine(script.Sql.TrimEnd());
            builder.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO crm_schema_version (version, name, applied_at) VALUES ({script.Version}, '{script.Name}', CAST((julianday('now') - 2440587.5) * 864000000000 AS INTEGER));");
        }

        builder.AppendLine("COMMIT;");
        return builder.ToString();
    }

    /// <summary>Creates or upgrades the schema of a database file now (stores also do this on first use by default).</summary>
    /// <param name="options">The storage settings; <see cref="SqliteStorageOptions.PrepareSchema"/> is ignored.</param>
    /// <returns>How many scripts were applied (0 when the schema was current).</returns>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    /// <exception cref="SchemaVersionException">The database has a newer schema than this library knows.</exception>
    public static int Migrate(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = new SqliteStorageOptions
        {
            DataSource = options.DataSource,
            Synchronous = options.Synchronous,
            BusyTimeout = options.BusyTimeout,
            PrepareSchema = false,
            LeaseDuration = options.LeaseDuration,
            IdBlockSize = options.IdBlockSize,
        };
        var problems = copy.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = options.DataSource,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString());
        connection.Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = 'wal';";
            wal.ExecuteScalar();
        }

        return Apply(connection, options.DataSource, apply: true);
    }

    /// <summary>
    /// Reads what the database file at <paramref name="dataSource"/> holds, with queries only: nothing (an empty file is an empty
    /// database), another program's tables, or CrmCore's schema and its version. The file must exist: it is never created. It is opened
    /// for writing (read-only when the file is), not read-only: on a WAL database a read-only connection would leave the <c>-shm</c> file
    /// behind, which a connection that can write removes as it closes; the database itself is not written.
    /// </summary>
    /// <param name="dataSource">The database file.</param>
    /// <returns>The state of its schema against <see cref="LatestVersion"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="dataSource"/> is empty.</exception>
    /// <exception cref="SqliteException">The file does not exist, is not a SQLite database, or cannot be read.</exception>
    public static SchemaState ReadState(string dataSource)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataSource);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dataSource, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        var version = Version(command);
        var hasOtherObjects = false;
        if (version is null)
        {
            command.CommandText = "SELECT count(*) FROM sqlite_master;";
            hasOtherObjects = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
        }

        return SchemaStates.Of(version is not null, version ?? 0, hasOtherObjects, LatestVersion);
    }

    /// <summary>The CrmCore schema version of the database <paramref name="command"/> runs on (0 for an empty version table), or null when
    /// it has no <c>crm_schema_version</c> table: the one place these queries are written.</summary>
    private static int? Version(SqliteCommand command)
    {
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'crm_schema_version';";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return null;
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM crm_schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private const string VersionTable =
        "CREATE TABLE IF NOT EXISTS crm_schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);";

    /// <summary>Applies the missing scripts under SQLite's write lock (<c>BEGIN IMMEDIATE</c>), or only checks the version when <paramref name="apply"/> is false.</summary>
    internal static int Apply(SqliteConnection connection, string source, bool apply)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var current = Version(command) ?? 0;
        if (current > LatestVersion)
        {
            throw new SchemaVersionException(source, current, LatestVersion);
        }

        if (current == LatestVersion)
        {
            transaction.Commit();
            return 0;
        }

        if (!apply)
        {
            throw new SchemaVersionException(source, current, LatestVersion);
        }

        command.CommandText = VersionTable;
        command.ExecuteNonQuery();
        var applied = 0;
        foreach (var script in Scripts.Where(s => s.Version > current))
        {
            command.CommandText = script.Sql;
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO crm_schema_version (version, name, applied_at) VALUES ($v, $n, CAST((julianday('now') - 2440587.5) * 864000000000 AS INTEGER));";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$v", script.Version);
            command.Parameters.AddWithValue("$n", script.Name);
            command.ExecuteNonQuery();
            command.Parameters.Clear();
            applied++;
        }

        transaction.Commit();
        return applied;
    }
}
