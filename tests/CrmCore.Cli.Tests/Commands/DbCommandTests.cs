using System.Security.Cryptography;
using CrmCore.Cli.Tests.Infrastructure;
using CrmCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// <c>crm db status</c> and <c>crm db migrate</c> on SQLite: what a store holds with an exit code for each state, in English and Chinese;
/// a store created or upgraded in one go, another program's database and a newer schema refused with the file left as it was, and
/// <c>--dry-run</c> printing the SQL of <c>crm db script</c> from the version found without changing anything.
/// </summary>
public sealed class DbCommandTests
{
    private static readonly int Latest = SqliteSchema.LatestVersion;

    [Theory]
    [InlineData("current", "en", 0, "state: current: a CrmCore store of this version's schema")]
    [InlineData("older", "en", 3, "state: older: a CrmCore store of an earlier schema; `crm db migrate` upgrades it")]
    [InlineData("empty", "en", 4, "state: empty: no CrmCore store yet; `crm db migrate` creates it")]
    [InlineData("missing", "en", 4, "state: empty: the file does not exist yet; `crm db migrate` creates it")]
    [InlineData("newer", "en", 5, "state: newer: written by a later CrmCore; use that version's `crm`")]
    [InlineData("foreign", "en", 6, "state: foreign: another program's tables and no CrmCore schema; `crm` does not add its tables to it")]
    [InlineData("current", "zh-Hans", 0, "状态: 最新：架构版本与此版本一致的 CrmCore 存储")]
    [InlineData("older", "zh-Hans", 3, "状态: 较旧：架构版本较早的 CrmCore 存储；可用 `crm db migrate` 升级")]
    [InlineData("empty", "zh-Hans", 4, "状态: 空：还没有 CrmCore 存储；可用 `crm db migrate` 创建")]
    [InlineData("newer", "zh-Hans", 5, "状态: 较新：由更新版本的 CrmCore 写入；请使用该版本的 `crm`")]
    [InlineData("foreign", "zh-Hans", 6, "状态: 非 CrmCore：其中是其他程序的表，没有 CrmCore 的架构；`crm` 不会向其中添加表")]
    public void Status_EachState_SaysItWithItsExitCode_ChangesNothing(string kind, string lang, int exitCode, string stateLine)
    {
        using var temp = new TempDirectory();
        var (db, found) = Make(temp, kind);
        var before = Snapshot(db);

        var run = Crm.Run("db", "status", "--store", "sqlite:" + db, "--lang", lang);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Equal(string.Empty, run.Error);
        var en = lang == "en";
        var none = en ? "none" : "无";
        Assert.Equal(
            [
                (en ? "store: " : "存储: ") + db,
                (en ? "provider: " : "数据库类型: ") + "sqlite",
                (en ? "schema version found: " : "现有架构版本: ") + (found?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? none),
                (en ? "schema version this crm expects: " : "此版本 crm 所需的架构版本: ") + Latest.ToString(System.Globalization.CultureInfo.InvariantCulture),
                stateLine,
            ],
            run.Out.TrimEnd().Split('\n'));
        Assert.Equal(before, Snapshot(db));
    }

    [Fact]
    public void Migrate_AnOlderStore_UpgradesItInOneGo_ThenStatusIsCurrent()
    {
        using var temp = new TempDirectory();
        var (db, _) = Make(temp, "older");

        var run = Crm.Run("db", "migrate", "--store", "sqlite:" + db);
        var status = Crm.Run("db", "status", "--store", "sqlite:" + db);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"upgraded the CrmCore store '{db}' from schema version {Latest - 2} to {Latest} (2 migration(s), in one transaction)", run.Out.TrimEnd());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(Latest, SqliteSchema.ReadState(db).Found);
    }

    [Theory]
    [InlineData("missing", "en", "created the CrmCore store in '{0}' (schema version {1})")]
    [InlineData("empty", "zh-Hans", "已在“{0}”中创建 CrmCore 存储（架构版本 {1}）")]
    public void Migrate_ANewFileOrAnEmptyOne_CreatesTheStore(string kind, string lang, string expected)
    {
        using var temp = new TempDirectory();
        var (db, _) = Make(temp, kind);

        var run = Crm.Run("db", "migrate", "--store", "sqlite:" + db, "--lang", lang);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, db, Latest), run.Out.TrimEnd());
        Assert.False(File.Exists(db + "-wal"), "the migration's connection was left open");
        Assert.Equal(CrmCore.Storage.SchemaStatus.Current, SqliteSchema.ReadState(db).Status);
    }

    [Fact]
    public void Migrate_ACurrentStore_SaysNothingToDo()
    {
        using var temp = new TempDirectory();
        var (db, _) = Make(temp, "current");
        var before = Snapshot(db);

        var run = Crm.Run("db", "migrate", "--store", "sqlite:" + db);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"the CrmCore store '{db}' already has schema version {Latest}; nothing to do", run.Out.TrimEnd());
        Assert.Equal(before, Snapshot(db));
    }

    [Theory]
    [InlineData("foreign", "en", "error: '{0}' is not a CrmCore store: it holds another program's tables and no CrmCore schema; `crm` creates a store only in a new or empty database")]
    [InlineData("foreign", "zh-Hans", "错误: “{0}”不是 CrmCore 存储：其中是其他程序的表，没有 CrmCore 的架构；`crm` 只在新的或空的数据库中创建存储")]
    [InlineData("newer", "en", "error: the CrmCore store '{0}' has schema version {1}, written by a later CrmCore (this version knows {2}); nothing was changed")]
    [InlineData("newer", "zh-Hans", "错误: CrmCore 存储“{0}”的架构版本为 {1}，由更新版本的 CrmCore 写入（此版本只认识到 {2}）；未做任何改动")]
    public void Migrate_AnotherProgramsDatabaseOrANewerSchema_Refused_BytesUnchanged(string kind, string lang, string expected)
    {
        foreach (var dryRun in new[] { false, true })
        {
            using var temp = new TempDirectory();
            var (db, _) = Make(temp, kind);
            var before = Snapshot(db);

            var run = Crm.Run(["db", "migrate", "--store", "sqlite:" + db, "--lang", lang, .. dryRun ? ["--dry-run"] : Array.Empty<string>()]);

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, db, Latest + 1, Latest), run.Error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Out);
            Assert.Equal(before, Snapshot(db));
        }
    }

    [Fact]
    public void MigrateDryRun_AnOlderStore_PrintsTheScriptFromItsVersion_ChangesNothing_AndTheScriptUpgradesIt()
    {
        using var temp = new TempDirectory();
        var (db, _) = Make(temp, "older");
        var before = Snapshot(db);

        var run = Crm.Run("db", "migrate", "--store", "sqlite:" + db, "--dry-run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(SqliteSchema.Script(Latest - 2), run.Out);
        Assert.Contains($"-- V{Latest:000}__", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain($"-- V{Latest - 2:000}__", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(db));

        // The printed SQL is what the migration does: applied by hand, the store is current.
        Execute(db, run.Out);
        Assert.Equal(CrmCore.Storage.SchemaStatus.Current, SqliteSchema.ReadState(db).Status);
    }

    [Fact]
    public void MigrateDryRun_ANewFile_PrintsWhatDbScriptPrints_CreatesNoFile()
    {
        using var temp = new TempDirectory();
        var db = temp.File("new.db");

        var run = Crm.Run("db", "migrate", "--store", "sqlite:" + db, "--dry-run");
        var script = Crm.Run("db", "script", "--provider", "sqlite");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(script.Out, run.Out);
        Assert.False(File.Exists(db));
    }

    [Theory]
    [InlineData("status", "memory", 2, "--store 'memory' is not a database: `crm db` works on sqlite:PATH or postgresql:CONNECTION-STRING")]
    [InlineData("migrate", "sqlite:", 2, "--store 'sqlite:' is not a store")]
    [InlineData("status", "sqlite:nowhere/crm.db", 1, "error: ")]
    public void StatusAndMigrate_NotADatabaseStore_Refused(string command, string store, int exitCode, string expected)
    {
        using var temp = new TempDirectory();
        var console = new TestConsole { WorkingDirectory = temp.FullName };

        var run = Crm.Run(console, "db", command, "--store", store);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp.FullName));
    }

    [Fact]
    public void StatusAndMigrate_NotASqliteFile_RefusedNamingTheFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("notes.db", "just some text, not a database");

        var status = Crm.Run("db", "status", "--store", "sqlite:" + file);
        var migrate = Crm.Run("db", "migrate", "--store", "sqlite:" + file);

        foreach (var run in new[] { status, migrate })
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains(file, run.Error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Out);
        }

        Assert.Equal("just some text, not a database", File.ReadAllText(file));
    }

    /// <summary>A database of <paramref name="kind"/> and the CrmCore schema version it has (null when it has none).</summary>
    internal static (string Db, int? Found) Make(TempDirectory temp, string kind)
    {
        var db = temp.File("crm.db");
        switch (kind)
        {
            case "missing":
                return (db, null);
            case "empty":
                File.WriteAllBytes(db, []);
                return (db, null);
            case "foreign":
                Execute(db, "CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL); INSERT INTO orders (total) VALUES (12.5);");
                return (db, null);
        }

        if (kind == "older")
        {
            // A store two versions back: built by the first scripts only, so the upgrade must run the last two.
            Rebuild(db, Latest - 2);
            return (db, Latest - 2);
        }

        SqliteSchema.Migrate(new SqliteStorageOptions { DataSource = db });
        SqliteConnection.ClearAllPools();
        if (kind == "newer")
        {
            Execute(db, $"INSERT INTO crm_schema_version (version, name, applied_at) VALUES ({Latest + 1}, 'later', 0);");
            return (db, Latest + 1);
        }

        return (db, Latest);
    }

    /// <summary>Makes <paramref name="db"/> a store of schema <paramref name="version"/>: created anew by that many scripts.</summary>
    private static void Rebuild(string db, int version)
    {
        var script = SqliteSchema.Script();
        var cut = script.IndexOf($"-- V{version + 1:000}__", StringComparison.Ordinal);
        Execute(db, script[..cut] + "COMMIT;");
    }

    private static void Execute(string db, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
    }

    private static string Snapshot(string db)
    {
        SqliteConnection.ClearAllPools();
        return string.Join('\n', Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileName(db) + "*").Order(StringComparer.Ordinal)
            .Select(f => Path.GetFileName(f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));
    }
}
