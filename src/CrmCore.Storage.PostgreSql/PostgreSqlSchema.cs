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
    public static string Script(string schema = "crm")
    {
        Check(schema);
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $"-- CrmCore PostgreSQL schema '{schema}', version {LatestVersion}.");
        builder.AppendLine("BEGIN;");
        builder.AppendLine(Header(schema));
        foreach (var script in Scripts)
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
        command.CommandText = "SELECT to_regclass(@t) IS NOT NULL;";
        command.Parameters.AddWithValue("t", schema + ".schema_version");
        var hasTable = (bool)(await ScalarAsync(command, sync, cancellationToken).ConfigureAwait(false))!;
        command.Parameters.Clear();
        var current = 0;
        if (hasTable)
        {
            command.CommandText = $"SELECT coalesce(max(version), 0) FROM {schema}.schema_version;";
            current = Convert.ToInt32(await ScalarAsync(command, sync, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

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
