using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;
using NodaTime;

namespace CrmCore.Storage.Tests;

/// <summary>Schema scripts, the version table, the start-up lock and the opt-out.</summary>
public sealed class SchemaTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 0);

    [Fact]
    public async Task Sqlite_ScriptAppliedByHand_IsWhatTheStoresNeed_WithPreparationOff()
    {
        var path = TempFile();
        try
        {
            var options = new SqliteStorageOptions { DataSource = path, PrepareSchema = false };
            await Assert.ThrowsAsync<SchemaVersionException>(() => new SqlitePublicationStore(options).ListAsync(PublicationKind.RuleSet, "x"));

            using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = SqliteSchema.Script();
                command.ExecuteNonQuery();
            }

            var store = new SqlitePublicationStore(options);
            Assert.Equal(1, (await store.PublishAsync(PublicationKind.RuleSet, "x", "[]", "dba", At)).Version);
            Assert.Equal(0, SqliteSchema.Migrate(options));
        }
        finally
        {
            Delete(path);
        }
    }

    [Fact]
    public void Sqlite_Migrate_AppliesEveryScriptOnce_AndRefusesANewerSchema()
    {
        var path = TempFile();
        try
        {
            var options = new SqliteStorageOptions { DataSource = path };
            Assert.Equal(SqliteSchema.LatestVersion, SqliteSchema.Migrate(options));
            Assert.Equal(0, SqliteSchema.Migrate(options));
            using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO crm_schema_version VALUES (99, 'future', 0);";
                command.ExecuteNonQuery();
            }

            var error = Assert.Throws<SchemaVersionException>(() => SqliteSchema.Migrate(options));
            Assert.Equal(99, error.Found);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Delete(path);
        }
    }

    [Fact]
    public void SqliteOptions_InMemoryDatabase_IsRefusedWithAReason()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteOutbox(new SqliteStorageOptions { DataSource = ":memory:" }));
        Assert.Contains("does not persist", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task PostgreSql_InstancesStartingTogether_ApplyEachScriptOnce()
    {
        var connection = TestPostgres.Require();
        var schema = "crm_t_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgreSqlSchema.Migrate(connection, schema))));
            Assert.Equal(PostgreSqlSchema.LatestVersion, applied.Sum());
            await using var data = NpgsqlDataSource.Create(connection);
            Assert.Equal(PostgreSqlSchema.LatestVersion, await Processes.ManyInstancesTests.Scalar(data, $"SELECT count(*) FROM {schema}.schema_version;"));
        }
        finally
        {
            await Drop(connection, schema);
        }
    }

    [PostgresFact]
    public async Task PostgreSql_QueueAndOutbox_AreVacuumedAfterTenThousandDeadRows()
    {
        // Claims and publishes read the front of a partial index; without a vacuum after a fixed number of dead rows a large queue
        // slows down claim after claim (benchmarks/results/storage.md). The settings are per table, so a migration must set them.
        var connection = TestPostgres.Require();
        var schema = "crm_t_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            PostgreSqlSchema.Migrate(connection, schema);
            await using var data = NpgsqlDataSource.Create(connection);
            foreach (var table in new[] { "queue", "outbox" })
            {
                await using var command = data.CreateCommand($"SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = '{schema}.{table}'::regclass;");
                var options = (string?)await command.ExecuteScalarAsync() ?? string.Empty;
                Assert.Contains("autovacuum_vacuum_scale_factor=0", options, StringComparison.Ordinal);
                Assert.Contains("autovacuum_vacuum_threshold=10000", options, StringComparison.Ordinal);
            }
        }
        finally
        {
            await Drop(connection, schema);
        }
    }

    [PostgresFact]
    public async Task PostgreSql_ScriptAppliedByHand_IsWhatTheStoresNeed_WithPreparationOff()
    {
        var connection = TestPostgres.Require();
        var schema = "crm_t_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            var options = new PostgreSqlStorageOptions { ConnectionString = connection, Schema = schema, PrepareSchema = false };
            var error = await Assert.ThrowsAsync<SchemaVersionException>(() => new PostgreSqlOutbox(options).ReadUnpublishedAsync(1));
            Assert.Equal(0, error.Found);

            await using (var data = NpgsqlDataSource.Create(connection))
            {
                await Processes.ManyInstancesTests.Execute(data, PostgreSqlSchema.Script(schema));
            }

            Assert.Empty(await new PostgreSqlOutbox(options).ReadUnpublishedAsync(1));
        }
        finally
        {
            await Drop(connection, schema);
        }
    }

    /// <summary>The model ticket count's shape (DbModelTicketCounts): a model's assets, then each asset's tickets in a window.</summary>
    private const string ModelCount = "SELECT count(*) FROM {t}ticket t JOIN {t}asset a ON a.id = t.related_asset_id " +
        "WHERE a.model = 'M1' AND t.raised_at >= {from} AND t.raised_at < {before}";

    [Fact]
    public void Sqlite_ModelTicketCount_ReadsOnlyTheCoveringAssetAndRaisedIndex()
    {
        var path = TempFile();
        try
        {
            var plan = SqlitePlan(path, ModelCount);

            Assert.Contains(plan, line => line.Contains("USING COVERING INDEX crm_ticket_asset_raised (related_asset_id=? AND raised_at>? AND raised_at<?)", StringComparison.Ordinal));
        }
        finally
        {
            Delete(path);
        }
    }

    [PostgresFact]
    public async Task PostgreSql_ModelTicketCount_CanReadOnlyTheCoveringAssetAndRaisedIndex()
    {
        var connection = TestPostgres.Require();
        var schema = "crm_t_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            var lines = await PostgreSqlPlan(connection, schema, "SET enable_seqscan = off; SET enable_bitmapscan = off;", ModelCount);

            Assert.Contains(lines, line => line.Contains("Index Only Scan using ticket_asset_raised", StringComparison.Ordinal));
        }
        finally
        {
            await Drop(connection, schema);
        }
    }

    /// <summary>SQLite's plan for a query of <see cref="ModelCount"/>'s shape on a new store at <paramref name="path"/>.</summary>
    private static List<string> SqlitePlan(string path, string query)
    {
        SqliteSchema.Migrate(new SqliteStorageOptions { DataSource = path });
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query.Replace("{t}", "crm_", StringComparison.Ordinal).Replace("{from}", "0", StringComparison.Ordinal).Replace("{before}", "1", StringComparison.Ordinal);
        var plan = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    /// <summary>PostgreSQL's plan for a query of <see cref="ModelCount"/>'s shape on a new schema, after <paramref name="settings"/>.</summary>
    private static async Task<List<string>> PostgreSqlPlan(string connection, string schema, string settings, string query)
    {
        PostgreSqlSchema.Migrate(connection, schema);
        await using var data = NpgsqlDataSource.Create(connection);
        await using var session = await data.OpenConnectionAsync();
        await using (var set = new NpgsqlCommand(settings, session))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + query.Replace("{t}", schema + ".", StringComparison.Ordinal)
            .Replace("{from}", "'2026-01-01Z'", StringComparison.Ordinal).Replace("{before}", "'2026-02-01Z'", StringComparison.Ordinal), session);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    /// <summary>A month's KPI input: the tickets raised in the month (DbTicketRepository's RaisedFrom/RaisedBefore filter).</summary>
    private const string RaisedInMonth = "SELECT t.id FROM {t}ticket t WHERE t.raised_at >= {from} AND t.raised_at < {before}";

    [Fact]
    public void Sqlite_TicketsRaisedInAMonth_AreReadThroughTheRaisedIndex()
    {
        var path = TempFile();
        try
        {
            var plan = SqlitePlan(path, RaisedInMonth);

            Assert.Contains(plan, line => line.Contains("INDEX crm_ticket_raised (raised_at>? AND raised_at<?)", StringComparison.Ordinal));
        }
        finally
        {
            Delete(path);
        }
    }

    [PostgresFact]
    public async Task PostgreSql_TicketsRaisedInAMonth_CanBeReadThroughTheRaisedIndex()
    {
        var connection = TestPostgres.Require();
        var schema = "crm_t_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            var lines = await PostgreSqlPlan(connection, schema, "SET enable_seqscan = off;", RaisedInMonth);

            Assert.Contains(lines, line => line.Contains("ticket_raised", StringComparison.Ordinal) && !line.Contains("ticket_asset_raised", StringComparison.Ordinal));
        }
        finally
        {
            await Drop(connection, schema);
        }
    }

    [Fact]
    public void Sqlite_ReadState_TellsEveryState_AndChangesNoByte()
    {
        var path = TempFile();
        try
        {
            File.WriteAllBytes(path, []);
            Assert.Equal(new SchemaState(SchemaStatus.Empty, 0, SqliteSchema.LatestVersion), ReadUnchanged(path));

            SqliteSchema.Migrate(new SqliteStorageOptions { DataSource = path });
            Assert.Equal(new SchemaState(SchemaStatus.Current, SqliteSchema.LatestVersion, SqliteSchema.LatestVersion), ReadUnchanged(path));

            SqliteExecute(path, $"DELETE FROM crm_schema_version WHERE version > 3;");
            Assert.Equal(new SchemaState(SchemaStatus.Older, 3, SqliteSchema.LatestVersion), ReadUnchanged(path));

            SqliteExecute(path, "DELETE FROM crm_schema_version;");
            Assert.Equal(new SchemaState(SchemaStatus.Older, 0, SqliteSchema.LatestVersion), ReadUnchanged(path));

            SqliteExecute(path, "INSERT INTO crm_schema_version VALUES (99, 'future', 0);");
            Assert.Equal(new SchemaState(SchemaStatus.Newer, 99, SqliteSchema.LatestVersion), ReadUnchanged(path));
        }
        finally
        {
            Delete(path);
        }

        var foreign = TempFile();
        try
        {
            SqliteExecute(foreign, "CREATE TABLE orders (id INTEGER PRIMARY KEY);");
            Assert.Equal(new SchemaState(SchemaStatus.Foreign, 0, SqliteSchema.LatestVersion), ReadUnchanged(foreign));
        }
        finally
        {
            Delete(foreign);
        }
    }

    [Fact]
    public void Sqlite_ReadState_AMissingFile_IsNotCreated()
    {
        var path = TempFile();

        Assert.Throws<SqliteException>(() => SqliteSchema.ReadState(path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Script_FromAVersion_HoldsOnlyTheLaterScripts_AndFromZeroIsTheWholeScript()
    {
        var latest = SqliteSchema.LatestVersion;

        Assert.Equal(SqliteSchema.Script(), SqliteSchema.Script(0));
        Assert.Equal(PostgreSqlSchema.Script("crm"), PostgreSqlSchema.Script("crm", 0));
        var sqlite = SqliteSchema.Script(latest - 1);
        Assert.Contains($"-- V{latest:000}__", sqlite, StringComparison.Ordinal);
        Assert.DoesNotContain($"-- V{latest - 1:000}__", sqlite, StringComparison.Ordinal);
        Assert.Contains($"from version {latest - 1} to {latest}", sqlite, StringComparison.Ordinal);
        Assert.DoesNotContain("-- V0", PostgreSqlSchema.Script("crm", PostgreSqlSchema.LatestVersion), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SqliteSchema.Script(latest + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PostgreSqlSchema.Script("crm", -1));
    }

    [PostgresFact]
    public void PostgreSql_ReadState_CurrentOlderNewer_InTheSchemaNamed()
    {
        var connection = TestPostgres.Require();
        var schema = "crm_t_" + Guid.NewGuid().ToString("N")[..16];
        var latest = PostgreSqlSchema.LatestVersion;
        try
        {
            PostgreSqlSchema.Migrate(connection, schema);
            Assert.Equal(new SchemaState(SchemaStatus.Current, latest, latest), PostgreSqlSchema.ReadState(connection, schema));

            PostgresExecute(connection, $"DELETE FROM {schema}.schema_version WHERE version > 5;");
            Assert.Equal(new SchemaState(SchemaStatus.Older, 5, latest), PostgreSqlSchema.ReadState(connection, schema));

            PostgresExecute(connection, $"INSERT INTO {schema}.schema_version (version, name) VALUES (999, 'future');");
            Assert.Equal(new SchemaState(SchemaStatus.Newer, 999, latest), PostgreSqlSchema.ReadState(connection, schema));
            Assert.Throws<ArgumentException>(() => PostgreSqlSchema.ReadState(connection, "Bad-Name"));
        }
        finally
        {
            PostgresExecute(connection, $"DROP SCHEMA IF EXISTS {schema} CASCADE;");
        }
    }

    /// <summary>The state of a SQLite file, checked to leave the file (and its WAL files) byte for byte as they were.</summary>
    private static SchemaState ReadUnchanged(string path)
    {
        SqliteConnection.ClearAllPools();
        var before = Files(path);
        var state = SqliteSchema.ReadState(path);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Files(path));
        return state;

        static string Files(string path) => string.Join('\n', new[] { string.Empty, "-wal", "-shm" }.Where(s => File.Exists(path + s))
            .Select(s => s + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path + s)))));
    }

    private static void SqliteExecute(string path, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private static void PostgresExecute(string connection, string sql)
    {
        using var data = new NpgsqlConnection(connection);
        data.Open();
        using var command = new NpgsqlCommand(sql, data);
        command.ExecuteNonQuery();
    }

    private static async Task Drop(string connection, string schema)
    {
        await using var data = NpgsqlDataSource.Create(connection);
        await Processes.ManyInstancesTests.Execute(data, $"DROP SCHEMA IF EXISTS {schema} CASCADE;");
    }

    private static string TempFile() => Path.Combine(Path.GetTempPath(), "crmcore-schema-" + Guid.NewGuid().ToString("N") + ".db");

    private static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
