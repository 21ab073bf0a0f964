using CrmCore.Cli.Tests.Infrastructure;
using CrmCore.Storage;
using CrmCore.Storage.PostgreSql;
using ScratchDatabase = CrmCore.Cli.Tests.Commands.StoreOpenPostgreSqlTests.ScratchDatabase;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// <see cref="DbCommandTests"/> on PostgreSQL (the <c>crm</c> schema of the database): status of an empty, another program's, an older
/// and a current store; migrate creating, upgrading and refusing; the password masked. Needs <c>CRMCORE_TEST_POSTGRES</c> (skipped locally
/// without it, run and failing under <c>CI=true</c>); each test makes a database of its own.
/// </summary>
public sealed class DbCommandPostgreSqlTests
{
    private static readonly int Latest = PostgreSqlSchema.LatestVersion;

    [PostgresFact]
    public void StatusAndMigrate_AnEmptyDatabase_EmptyThenCreatedThenCurrent()
    {
        using var database = new ScratchDatabase();
        var store = "postgresql:" + database.ConnectionString;

        var before = Crm.Run("db", "status", "--store", store);
        var dryRun = Crm.Run("db", "migrate", "--store", store, "--dry-run");
        Assert.Equal(["public"], database.UserSchemas());
        var migrate = Crm.Run("db", "migrate", "--store", store, "--lang", "zh-Hans");
        var after = Crm.Run("db", "status", "--store", store);

        Assert.True(before.ExitCode == 4, before.ToString());
        Assert.Contains("provider: postgresql", before.Out, StringComparison.Ordinal);
        Assert.Contains("schema version found: none", before.Out, StringComparison.Ordinal);
        Assert.Contains("state: empty: no CrmCore store yet", before.Out, StringComparison.Ordinal);
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Equal(PostgreSqlSchema.Script("crm"), dryRun.Out);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains($"已在“{StoreErrorsMask(database.ConnectionString)}”中创建 CrmCore 存储（架构版本 {Latest}）", migrate.Out, StringComparison.Ordinal);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains($"schema version found: {Latest}", after.Out, StringComparison.Ordinal);
        Assert.Equal(SchemaStatus.Current, PostgreSqlSchema.ReadState(database.ConnectionString).Status);
    }

    [PostgresFact]
    public void Migrate_AnOlderStore_UpgradesIt_DryRunPrintsOnlyTheMissingScripts()
    {
        using var database = new ScratchDatabase();
        var store = "postgresql:" + database.ConnectionString;
        var script = PostgreSqlSchema.Script("crm");
        database.Execute(script[..script.IndexOf($"-- V{Latest:000}__", StringComparison.Ordinal)] + "COMMIT;");

        var status = Crm.Run("db", "status", "--store", store);
        var dryRun = Crm.Run("db", "migrate", "--store", store, "--dry-run");
        var migrate = Crm.Run("db", "migrate", "--store", store);

        Assert.True(status.ExitCode == 3, status.ToString());
        Assert.Contains($"schema version found: {Latest - 1}", status.Out, StringComparison.Ordinal);
        Assert.Equal(PostgreSqlSchema.Script("crm", Latest - 1), dryRun.Out);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains($"from schema version {Latest - 1} to {Latest} (1 migration(s)", migrate.Out, StringComparison.Ordinal);
        Assert.Equal(SchemaStatus.Current, PostgreSqlSchema.ReadState(database.ConnectionString).Status);
    }

    [PostgresFact]
    public void StatusAndMigrate_AnotherProgramsDatabase_ForeignAndRefused_NoCrmSchemaCreated()
    {
        using var database = new ScratchDatabase();
        database.Execute("CREATE TABLE orders (id int PRIMARY KEY);");
        var store = "postgresql:" + database.ConnectionString;

        var status = Crm.Run("db", "status", "--store", store);
        var migrate = Crm.Run("db", "migrate", "--store", store);

        Assert.True(status.ExitCode == 6, status.ToString());
        Assert.Contains("state: foreign", status.Out, StringComparison.Ordinal);
        Assert.Contains($"store: {StoreErrorsMask(database.ConnectionString)}", status.Out, StringComparison.Ordinal);
        Assert.True(migrate.ExitCode == 1, migrate.ToString());
        Assert.Contains($"'{StoreErrorsMask(database.ConnectionString)}' is not a CrmCore store", migrate.Error, StringComparison.Ordinal);
        Assert.Equal(["public"], database.UserSchemas());
    }

    private static string StoreErrorsMask(string connectionString) => CrmCore.Cli.Commands.StoreErrors.MaskPassword(connectionString);
}
