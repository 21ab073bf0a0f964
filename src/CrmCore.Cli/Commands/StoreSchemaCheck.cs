using System.Globalization;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmCore.Cli.Commands;

/// <summary>What <c>crm</c> may do to a store it opens: only read it, or also write (create a new one, upgrade a CrmCore one).</summary>
internal enum StoreAccess
{
    /// <summary>Nothing is created or migrated: the store must be a CrmCore database of this version's schema.</summary>
    ReadOnly,

    /// <summary>A new, empty database is created and an older CrmCore schema upgraded; another program's database is refused.</summary>
    Write,
}

/// <summary>
/// Looks at a database before <c>crm</c> opens it as a desk store, without creating or changing anything (SQLite and
/// PostgreSQL only queried): whether it is empty, another program's (tables but no CrmCore schema version table), or CrmCore's and of which
/// schema version; and refuses what <see cref="StoreAccess"/> does not allow with one line naming the store (the PostgreSQL password
/// masked) and what to do. The storage's own <c>PrepareSchema</c> would create or migrate the schema on first use, even for a read.
/// </summary>
internal static class StoreSchemaCheck
{
    /// <summary>What a database holds: nothing (<see cref="Empty"/>), tables that are not CrmCore's (<see cref="Foreign"/>), or CrmCore's schema of <see cref="Version"/>.</summary>
    internal readonly record struct Found(bool Empty, bool Foreign, int Version);

    /// <summary>Checks the SQLite file at <paramref name="fullPath"/> (it exists: checked before) for <paramref name="access"/>.</summary>
    /// <exception cref="CliException">The database may not be opened so (exit code 1).</exception>
    public static void CheckSqlite(CliContext context, string shown, string fullPath, StoreAccess access) =>
        Refuse(context, shown, InspectSqlite(fullPath), SqliteSchema.LatestVersion, access);

    /// <summary>Checks the PostgreSQL database of <paramref name="connectionString"/> (its schema <paramref name="schema"/>) for <paramref name="access"/>.</summary>
    /// <exception cref="CliException">The database may not be opened so (exit code 1).</exception>
    public static void CheckPostgreSql(CliContext context, string connectionString, string schema, StoreAccess access) =>
        Refuse(context, StoreErrors.MaskPassword(connectionString), InspectPostgreSql(connectionString, schema), PostgreSqlSchema.LatestVersion, access);

    /// <summary>
    /// What a SQLite file holds (an empty file is an empty database), read with queries only, through a connection that may not create the
    /// file. It is opened for writing (read-only when the file is), not read-only: on a WAL database a read-only connection would leave the
    /// <c>-shm</c> file behind, which a connection that can write removes as it closes; the database file itself is never written.
    /// </summary>
    internal static Found InspectSqlite(string fullPath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fullPath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'crm_schema_version';";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
        {
            command.CommandText = "SELECT coalesce(max(version), 0) FROM crm_schema_version;";
            return new Found(false, false, Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture));
        }

        command.CommandText = "SELECT count(*) FROM sqlite_master;";
        var objects = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return new Found(objects == 0, objects > 0, 0);
    }

    /// <summary>
    /// What a PostgreSQL database holds, in a read-only transaction: CrmCore's <c>schema_version</c> table in <paramref name="schema"/>,
    /// or else whether any table, view or sequence of a user's schema exists (those of extensions left out).
    /// </summary>
    internal static Found InspectPostgreSql(string connectionString, string schema)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SET TRANSACTION READ ONLY;";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT to_regclass(@t) IS NOT NULL;";
        command.Parameters.AddWithValue("t", schema + ".schema_version");
        var crm = (bool)command.ExecuteScalar()!;
        command.Parameters.Clear();
        if (crm)
        {
            // The schema name is a checked identifier (PostgreSqlStorageOptions.Validate), as the storage itself uses it.
            command.CommandText = $"SELECT coalesce(max(version), 0) FROM {schema}.schema_version;";
            return new Found(false, false, Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture));
        }

        command.CommandText = """
            SELECT EXISTS (
                SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'));
            """;
        var foreign = (bool)command.ExecuteScalar()!;
        return new Found(!foreign, foreign, 0);
    }

    private static void Refuse(CliContext context, string shown, Found found, int latest, StoreAccess access)
    {
        if (found.Foreign)
        {
            throw new CliException(context.T(access == StoreAccess.ReadOnly ? StoreMessages.StoreNotCrmRead : StoreMessages.StoreNotCrmWrite, shown));
        }

        if (access == StoreAccess.Write)
        {
            if (found.Version > latest)
            {
                throw new CliException(context.T(StoreMessages.StoreNewer, shown, found.Version, latest));
            }

            return;
        }

        if (found.Empty)
        {
            throw new CliException(context.T(StoreMessages.StoreEmpty, shown));
        }

        if (found.Version != latest)
        {
            throw new CliException(context.T(found.Version > latest ? StoreMessages.StoreNewer : StoreMessages.StoreOlder, shown, found.Version, latest));
        }
    }
}
