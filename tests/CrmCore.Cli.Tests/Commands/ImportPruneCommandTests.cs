using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// Wave 19: the import ledger grew with every run for ever. `crm import prune --before DATE [--dry-run]` removes the runs that finished
/// before DATE (a dry run lists them and removes nothing); the file of a removed run is new to the next import.
/// </summary>
public sealed class ImportPruneCommandTests
{
    private static bool AnyAlreadyImported(string json)
    {
        using var report = JsonDocument.Parse(File.ReadAllBytes(json));
        return report.RootElement.GetProperty("rows").EnumerateArray()
            .Any(r => r.TryGetProperty("reasonCode", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() == "AlreadyImported");
    }

    [Fact]
    public void Prune_DryRunRemovesNothing_PruneRemovesFinishedRuns_TheFileIsThenNew()
    {
        using var temp = new TempDirectory();
        var store = "sqlite:" + temp.File("crm.db");
        var file = RepoPaths.Sample("import/客户信息总表-gbk.csv");
        Crm.Run("import", "customers", file, "--store", store);

        var dry = Crm.Run("import", "prune", "--store", store, "--before", "2100-01-01", "--dry-run");
        var again = Crm.Run("import", "customers", file, "--store", store, "--report-json", temp.File("again.json"));
        var pruned = Crm.Run("import", "prune", "--store", store, "--before", "2100-01-01", "--lang", "zh-Hans");
        var fresh = Crm.Run("import", "customers", file, "--store", store, "--report-json", temp.File("fresh.json"));

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("Dry run: 1 import run(s) finished before 2100-01-01 00:00:00 UTC and would be removed; nothing was removed.", dry.Out, StringComparison.Ordinal);
        Assert.Contains("customers  ", dry.Out, StringComparison.Ordinal);
        Assert.True(AnyAlreadyImported(temp.File("again.json")), again.ToString());
        Assert.True(pruned.ExitCode == 0, pruned.ToString());
        Assert.Contains("已删除 2 条在 2100-01-01 00:00:00 UTC 之前完成的导入记录", pruned.Out, StringComparison.Ordinal);
        Assert.False(AnyAlreadyImported(temp.File("fresh.json")), fresh.ToString());
        Assert.DoesNotContain("imported before", fresh.Out, StringComparison.Ordinal);
    }

    /// <summary>Imports the sample into a new store and leaves its run as a killed process leaves it: started, never finished.</summary>
    private static (string Store, string File) InterruptedImport(TempDirectory temp)
    {
        var db = temp.File("crm.db");
        var store = "sqlite:" + db;
        var file = RepoPaths.Sample("import/客户信息总表-gbk.csv");
        Crm.Run("import", "customers", file, "--store", store);
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var interrupt = connection.CreateCommand();
        interrupt.CommandText = "UPDATE crm_import_run SET finished_at = NULL";
        Assert.Equal(1, interrupt.ExecuteNonQuery());
        return (store, file);
    }

    // Review of wave 20, item 5: the refusal named the library's property (CustomerImportOptions.RunLease) to crm users and did not say
    // how to take up a run known to be killed. Failed before the fix: the texts below were not in the message.
    [Theory]
    [InlineData("en", "(the run lease, --run-lease): it may still be running", "if it is known to have stopped, take it up now with a zero run lease (--run-lease 0)")]
    [InlineData("zh-Hans", "（运行租期，--run-lease）：它可能仍在运行", "若确知它已停止，可用零运行租期（--run-lease 0）立即接续")]
    public void ImportCustomers_ARunActiveWithinTheLease_IsRefusedWithExitCode1_SayingHowToTakeItUpWithCrmsOption(string lang, string lease, string takeUp)
    {
        using var temp = new TempDirectory();
        var (store, file) = InterruptedImport(temp);

        var refused = Crm.Run("import", "customers", file, "--store", store, "--lang", lang);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains(lease, refused.Error, StringComparison.Ordinal);
        Assert.Contains(takeUp, refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("CustomerImportOptions", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_AnInterruptedRunTakenUpLater_IsListedAsUnfinished_InADryRunAndInThePrune()
    {
        using var temp = new TempDirectory();
        // The first run as a killed process leaves it. The next import of the file takes it up.
        var (store, file) = InterruptedImport(temp);

        // Wave 20: the record says the run was active a moment ago, so it may still be running: the import refuses to take it up
        // (the lease, 10 minutes by default) and records no run; --run-lease 0 says it was killed, and takes it up.
        var refused = Crm.Run("import", "customers", file, "--store", store);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("has not finished and recorded its last activity at", refused.Error, StringComparison.Ordinal);
        Assert.Contains("less than 10 minutes ago", refused.Error, StringComparison.Ordinal);
        var resumed = Crm.Run("import", "customers", file, "--store", store, "--run-lease", "0");
        Assert.Contains("Rows read: 9", resumed.Out, StringComparison.Ordinal);
        var dry = Crm.Run("import", "prune", "--store", store, "--before", "2100-01-01", "--dry-run");
        var pruned = Crm.Run("import", "prune", "--store", store, "--before", "2100-01-01", "--lang", "zh-Hans");
        var after = Crm.Run("import", "prune", "--store", store, "--before", "2100-01-01", "--dry-run");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("never finished (a later import of the same file superseded it)", dry.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run: 2 import run(s)", dry.Out, StringComparison.Ordinal);
        Assert.True(pruned.ExitCode == 0, pruned.ToString());
        Assert.Contains("未完成（同一文件之后的导入已取代它）", pruned.Out, StringComparison.Ordinal);
        Assert.Contains("已删除 2 条", pruned.Out, StringComparison.Ordinal);
        Assert.Contains("Dry run: 0 import run(s)", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_BadDate_IsAUsageError_AndAMissingStoreIsNotCreated()
    {
        using var temp = new TempDirectory();
        var missing = temp.File("none.db");

        var bad = Crm.Run("import", "prune", "--store", "sqlite:" + missing, "--before", "last week");
        var absent = Crm.Run("import", "prune", "--store", "sqlite:" + missing, "--before", "2026-11-01");

        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("--before 'last week' is not a date (2026-11-01), a date-time (2026-11-01T08:00:00) or an instant (2026-11-01T08:00:00Z, 2026-11-01T08:00:00+08:00); nothing was removed", bad.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, absent.ExitCode);
        Assert.Contains("the SQLite database '" + missing + "' does not exist; this command changes only an existing store and creates none, so nothing was created", absent.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("only reads", absent.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Prune_AnEmptyOrForeignDatabase_IsRefused_SayingThePruneWritesButCreatesNothing()
    {
        using var temp = new TempDirectory();
        var empty = temp.Write("empty.db", string.Empty);
        var foreign = temp.File("other.db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE orders (id INTEGER PRIMARY KEY)";
            create.ExecuteNonQuery();
        }

        var onEmpty = Crm.Run("import", "prune", "--store", "sqlite:" + empty, "--before", "2026-11-01");
        var onEmptyZh = Crm.Run("import", "prune", "--store", "sqlite:" + empty, "--before", "2026-11-01", "--lang", "zh-Hans");
        var onForeign = Crm.Run("import", "prune", "--store", "sqlite:" + foreign, "--before", "2026-11-01");

        Assert.NotEqual(0, onEmpty.ExitCode);
        Assert.Contains("holds no CrmCore store yet (an empty database); this command changes only an existing store and creates none, so nothing was changed", onEmpty.Error, StringComparison.Ordinal);
        Assert.Contains("此命令只修改已有的存储，不会创建存储，因此未做任何改动", onEmptyZh.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, onForeign.ExitCode);
        Assert.Contains("this command changes only an existing CrmCore store, so nothing was changed", onForeign.Error, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(empty).Length);
    }

    [Theory]
    [InlineData("2026-11-01T08:00:00+08:00", null, "2026-11-01 00:00:00 UTC")]
    [InlineData("2026-11-01T08:00:00Z", null, "2026-11-01 08:00:00 UTC")]
    [InlineData("2026-11-01T08:00:00", null, "2026-11-01 08:00:00 UTC")]
    [InlineData("2026-11-01T08:00:00", "Asia/Shanghai", "2026-11-01 00:00:00 UTC")]
    [InlineData("2026-11-01", null, "2026-11-01 00:00:00 UTC")]
    [InlineData("2026-11-01", "Asia/Shanghai", "2026-10-31 16:00:00 UTC")]
    public void Prune_Before_TakesAnInstantWithItsOffset_OrADateTimeOrDayInTheZone(string before, string? zone, string shown)
    {
        using var temp = new TempDirectory();
        var store = "sqlite:" + temp.File("crm.db");
        Crm.Run("import", "customers", RepoPaths.Sample("import/客户信息总表-gbk.csv"), "--store", store);
        string[] args = ["import", "prune", "--store", store, "--before", before, "--dry-run"];

        var dry = Crm.Run(zone is null ? args : [.. args, "--zone", zone]);

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("finished before " + shown + " and would be removed", dry.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void PruneHelp_HasItsChineseTexts()
    {
        var help = Crm.Run("import", "prune", "--help", "--lang", "zh-Hans");

        Assert.Contains("从导入记录中删除在某日期之前完成的导入", help.Out, StringComparison.Ordinal);
        Assert.Contains("列出将被删除的导入记录，但不删除任何记录。", help.Out, StringComparison.Ordinal);
        Assert.Contains("不带时差的 --before 日期时间或日期所用的 IANA 时区（默认 UTC）。", help.Out, StringComparison.Ordinal);
    }
}
