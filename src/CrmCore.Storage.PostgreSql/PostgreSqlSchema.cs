using System.Globalization;
using System.Text;
using Npgsql;

namespace CrmCore.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL schema: numbered scripts embedded in this assembly, recorded in the <c>schema_version</c> table of the
/// configured schema. Stores apply the missing scripts on first use, under <c>pg_advisory_xact_lock</c>, unless
/// <see cref="PostgreSqlStorageOptions.PrepareSchema"/> is false. Thread-safe.
/// </summary>
public static class PostgreSqlSchema
{
    private static readonly IReadOnlyList<SchemaScript> Scripts = SchemaScript.Load(typeof(PostgreSqlSchema).Assembly);

    /// <summary>The schema version this library needs (the highest script number).</summary>
    public static int LatestVersion => Scripts.Count;

    /// <summary>
    /// The whole schema as one SQL script for administrators who apply it themselves (for example with <c>psql -f</c>): the
    /// schema, every migration in order and its row in <c>schema_version</c>, in one transaction.
    /// </summary>
    /// <param name="schema">The schema name; default <c>crm</c>.</param>
    /// <returns>The SQL text.</returns>
    /// <exception cref="ArgumentException">The schema name is not a plain lowercase identifier.</exception>
    public static string Script(string schema = "crm") => Script(schema, fromVersion: 0);

    /// <summary>
    /// The SQL that upgrades schema <paramref name="schema"/> of version <paramref name="fromVersion"/> (0: none yet) to
    /// <see cref="LatestVersion"/>, in one transaction, as <see cref="Script(string)"/> writes it: the migrations after
    /// <paramref name="fromVersion"/>, each followed by its row in <c>schema_version</c>. For <see cref="LatestVersion"/> the transaction holds no migration.
    /// </summary>
    /// <param name="schema">The schema name.</param>
    /// <param name="fromVersion">The schema version the database has, 0 to <see cref="LatestVersion"/>.</param>
    /// <returns>The SQL text.</returns>
    /// <exception cref="ArgumentException">The schema name is not a plain lowercase identifier.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fromVersion"/> is negative or above <see cref="LatestVersion"/>.</exception>
    public static string Script(string schema, int fromVersion)
    {
        Check(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(fromVersion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromVersion, LatestVersion);
        var builder = new StringBuilder();
        builder.AppendLine(fromVersion == 0
            ? string.Create(CultureInfo.InvariantCulture, $"-- CrmCore PostgreSQL schema '{schema}', version {LatestVersion}.")
            : string.Create(CultureInfo.InvariantCulture, $"-- CrmCore PostgreSQL schema '{schema}', from version {fromVersion} to {LatestVersion}."));
        builder.AppendLine("BEGIN;");
        builder.AppendLine(Header(schema));
        foreach (var script in Scripts.Where(s => s.Version > fromVersion))
        {
            builder.AppendLine();
            builder.AppendLine(CultureInfo.InvariantCulture, $"-- V{script.Version:000}__{script.Name}");
            builder.AppendLine(script.Sql.Replace("{schema}", schema, StringComparison.Ordinal).TrimEnd());
            builder.AppendLine(CultureInfo.InvariantCulture, $"INSERT INTO {schema}.schema_version (version, name) VALUES ({script.Version}, '{script.Name}');");
        }

        builder.AppendLine("COMMIT;");
        return builder.ToString();
    }

    /// <summary>Creates or upgrades the schema now (stores also do this on first use by default).</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="schema">The schema name; default <c>crm</c>.</param>
    /// <returns>How many scripts were applied (0 when the schema was current).</returns>
    /// <exception cref="ArgumentException">The schema name is not a plain lowercase identifier.</exception>
    /// <exception cref="SchemaVersionException">The database has a newer schema than this library knows.</exception>
    public static int Migrate(string connectionString, string schema = "crm")
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        Check(schema);
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return Apply(connection, schema, apply: true);
    }

    internal static int Apply(NpgsqlConnection connection, string schema, bool apply) =>
        ApplyAsync(connection, schema, apply, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    // One implementation for both paths: with sync true every call below completes synchronously (no thread is blocked on a task).
    internal static async ValueTask<int> ApplyAsync(NpgsqlConnection connection, string schema, bool apply, bool sync, CancellationToken cancellationToken)
    {
        await using var transaction = sync ? connection.BeginTransaction() : await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // One lock per schema name, held until commit: instances starting together apply each script once.
        command.CommandText = "SELECT pg_advisory_xact_lock(hashtextextended('crmcore.schema.' || @s, 0));";
        command.Parameters.AddWithValue("s", schema);
        await ExecuteAsync(command, sync, cancellationToken).ConfigureAwait(false);
        command.Parameters.Clear();
        var current = await VersionAsync(command, schema, sync, cancellationToken).ConfigureAwait(false) ?? 0;
        if (current > LatestVersion || (current < LatestVersion && !apply))
        {
            throw new SchemaVersionException(schema, current, LatestVersion);
        }

        var applied = 0;
        if (current < LatestVersion)
        {
            command.CommandText = Header(schema);
            await ExecuteAsync(command, sync, cancellationToken).ConfigureAwait(false);
            foreach (var script in Scripts.Where(s => s.Version > current))
            {
                command.CommandText = script.Sql.Replace("{schema}", schema, StringComparison.Ordinal);
                await ExecuteAsync(command, sync, cancellationToken).ConfigureAwait(false);
                command.CommandText = $"INSERT INTO {schema}.schema_version (version, name) VALUES (@v, @n);";
                command.Parameters.AddWithValue("v", script.Version);
                command.Parameters.AddWithValue("n", script.Name);
                await ExecuteAsync(command, sync, cancellationToken).ConfigureAwait(false);
                command.Parameters.Clear();
                applied++;
            }
        }

        if (sync)
        {
            transaction.Commit();
        }
        else
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return applied;
    }

    /// <summary>
    /// Reads what the database of <paramref name="connectionString"/> holds, in a read-only transaction (nothing is created or changed):
    /// CrmCore's <c>schema_version</c> table in <paramref name="schema"/> and its version, or else whether any table, view or sequence of a
    /// user's schema exists (those of extensions left out): another program's database, or an empty one.
    /// </summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="schema">The schema name; default <c>crm</c>.</param>
    /// <returns>The state of the schema against <see cref="LatestVersion"/>.</returns>
    /// <exception cref="ArgumentException">The schema name is not a plain lowercase identifier.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached, refuses the login or a query.</exception>
    public static SchemaState ReadState(string connectionString, string schema = "crm")
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        Check(schema);
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SET TRANSACTION READ ONLY;";
        command.ExecuteNonQuery();
        var version = VersionAsync(command, schema, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        var hasOtherObjects = false;
        if (version is null)
        {
            command.CommandText = """
                SELECT EXISTS (
                    SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
                      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'));
                """;
            hasOtherObjects = (bool)command.ExecuteScalar()!;
        }

        return SchemaStates.Of(version is not null, version ?? 0, hasOtherObjects, LatestVersion);
    }

    /// <summary>The CrmCore schema version in <paramref name="schema"/> (0 for an empty version table), or null when it has no
    /// <c>schema_version</c> table: the one place these queries are written. Leaves the command without parameters.</summary>
    private static async ValueTask<int?> VersionAsync(NpgsqlCommand command, string schema, bool sync, CancellationToken cancellationToken)
    {
        command.CommandText = "SELECT to_regclass(@t) IS NOT NULL;";
        command.Parameters.AddWithValue("t", schema + ".schema_version");
        var hasTable = (bool)(await ScalarAsync(command, sync, cancellationToken).ConfigureAwait(false))!;
        command.Parameters.Clear();
        if (!hasTable)
        {
            return null;
        }

        // The schema name is a checked identifier (Check, PostgreSqlStorageOptions.Validate).
        command.CommandText = $"SELECT coalesce(max(version), 0) FROM {schema}.schema_version;";
        return Convert.ToInt32(await ScalarAsync(command, sync, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async ValueTask ExecuteAsync(NpgsqlCommand command, bool sync, CancellationToken cancellationToken)
    {
        if (sync)
        {
            command.ExecuteNonQuery();
        }
        else
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask<object?> ScalarAsync(NpgsqlCommand command, bool sync, CancellationToken cancellationToken) =>
        sync ? command.ExecuteScalar() : await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);

    private static string Header(string schema) =>
        $"CREATE SCHEMA IF NOT EXISTS {schema};\n" +
        $"CREATE TABLE IF NOT EXISTS {schema}.schema_version (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());";

    private static void Check(string schema)
    {
        var problems = new PostgreSqlStorageOptions { ConnectionString = "-", Schema = schema }.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(schema));
        }
    }
}
