using CrmCore.Audit;
using CrmCore.Cli.Tests.Infrastructure;
using CrmCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CrmCore.Cli.Tests.Commands;

public sealed class AuditCommandTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 1, 0);

    private static string Database(TempDirectory dir)
    {
        var path = dir.File("crm.db");
        var storage = new SqliteStorage(new SqliteStorageOptions { DataSource = path });
        storage.Audit.AppendAsync(
        [
            new AuditEntry(At, "li.na", AuditAction.Reveal, "customer", "KH0001") { Field = "contact.phone[张***]", Reason = "回访 WT202603001" },
            new AuditEntry(At + Duration.FromHours(1), "wang.fang", AuditAction.StatusChange, "ticket", "WT202603001") { Field = "status", OldValue = "Pending", NewValue = "InProgress" },
            new AuditEntry(At + Duration.FromHours(2), "li.na", AuditAction.Export, "customer", "*") { NewValue = "3 customers: customers.xlsx" },
        ]).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        return path;
    }

    [Fact]
    public void Verify_AnIntactTrail_SaysSoAndExitsZero_InEnglishAndChinese()
    {
        using var dir = new TempDirectory();
        var path = Database(dir);

        var run = Crm.Run("audit", "verify", "--connection", path);
        var zh = Crm.Run("--lang", "zh-Hans", "audit", "verify", "--connection", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("audit trail intact: 3 records", run.Out, StringComparison.Ordinal);
        Assert.Contains("审计记录完整：共 3 条", zh.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ADatabaseWithoutAnAuditTrail_IsAClearError_InEnglishAndChinese_NotAnInternalOne()
    {
        using var dir = new TempDirectory();
        var path = dir.File("old.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE crm_ticket (id TEXT PRIMARY KEY);";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var verify = Crm.Run("audit", "verify", "--connection", path);
        var list = Crm.Run("--lang", "zh-Hans", "audit", "list", "--connection", path);

        // Tables but no CrmCore schema: another program's database, said so (StoreOpenTests has every case, en and zh-Hans).
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains($"'{path}' is not a CrmCore store: it holds another program's tables", verify.Error, StringComparison.Ordinal);
        Assert.Equal(1, list.ExitCode);
        Assert.Contains($"“{path}”不是 CrmCore 存储", list.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("CrmCore schema of", list.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ATamperedTrail_NamesTheFirstBrokenRecordAndExitsOne()
    {
        using var dir = new TempDirectory();
        var path = Database(dir);
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE crm_audit_log SET actor = 'someone' WHERE sequence = 2;";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var run = Crm.Run("audit", "verify", "--connection", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("audit trail broken at record 2 (1 records before it are intact): record 2 was altered", run.Error, StringComparison.Ordinal);
        var zh = Crm.Run("--lang", "zh-Hans", "audit", "verify", "--connection", path);
        Assert.Equal(1, zh.ExitCode);
        Assert.Contains("审计记录在第 2 条处断裂（此前 1 条完整）：第 2 条记录被篡改：其内容与其哈希不符", zh.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]", zh.Error.Replace("crm", string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("junk.db", "en", "'{0}' is not a usable CrmCore database: it is not a SQLite database (another kind of file, or its header is damaged); it was left as it was")]
    [InlineData("junk.db", "zh-Hans", "“{0}”不是可用的 CrmCore 数据库：它不是 SQLite 数据库（是其他类型的文件，或文件头已损坏）；该文件未被改动")]
    public void ABrokenSqliteFile_IsNotAUsableCrmCoreDatabase_NamedWithTheCause_NotANoTrailOrStoreMessage(string name, string language, string expected)
    {
        // QA: crm audit on a file that is not a SQLite database said "the database has no audit trail this version can read (... run the
        // host once against it ...)" as if it were an old CrmCore database.
        using var dir = new TempDirectory();
        var path = dir.File(name);
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 37) + 11))]);
        var before = File.ReadAllBytes(path);

        var verify = Crm.Run("--lang", language, "audit", "verify", "--connection", path);
        var list = Crm.Run("--lang", language, "audit", "list", "--connection", path);

        Assert.Equal(1, verify.ExitCode);
        Assert.Equal(1, list.ExitCode);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, path), verify.Error, StringComparison.Ordinal);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, path), list.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--store", verify.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("audit trail this version", verify.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("审计记录", verify.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Verify_PrintsACheckpoint_ThatCatchesDeletedNewestRecordsLater()
    {
        using var dir = new TempDirectory();
        var path = Database(dir);
        var first = Crm.Run("audit", "verify", "--connection", path);
        var checkpoint = first.Out.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("checkpoint", StringComparison.Ordinal)).Split(": ", 2)[1];
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM crm_audit_log WHERE sequence = 3;";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var plain = Crm.Run("audit", "verify", "--connection", path);
        var anchored = Crm.Run("audit", "verify", "--connection", path, "--expect-head", checkpoint);
        var zh = Crm.Run("--lang", "zh-Hans", "audit", "verify", "--connection", path, "--expect-head", "v1;0:1:xyz");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(checkpoint, AuditCheckpoint.Parse(checkpoint).ToString());
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(1, anchored.ExitCode);
        Assert.Contains("audit trail broken at record 3", anchored.Error, StringComparison.Ordinal);
        Assert.Contains("the newest records were deleted", anchored.Error, StringComparison.Ordinal);
        var anchoredZh = Crm.Run("--lang", "zh-Hans", "audit", "verify", "--connection", path, "--expect-head", checkpoint);
        Assert.Contains("但检查点记载了第 3 条", anchoredZh.Error, StringComparison.Ordinal);
        Assert.Contains("最新的记录已被删除", anchoredZh.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, zh.ExitCode);
        Assert.Contains("--expect-head 不是 `crm audit verify` 输出的检查点", zh.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_InChinese_NamesTheActionsInChinese()
    {
        using var dir = new TempDirectory();
        var path = Database(dir);

        var run = Crm.Run("--lang", "zh-Hans", "audit", "list", "--connection", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1  2026-03-02T01:00:00Z  li.na  查看明文  customer:KH0001", run.Out, StringComparison.Ordinal);
        Assert.Contains("2  2026-03-02T02:00:00Z  wang.fang  状态变更  ticket:WT202603001", run.Out, StringComparison.Ordinal);
        Assert.Contains("3  2026-03-02T03:00:00Z  li.na  导出  customer:*", run.Out, StringComparison.Ordinal);
        foreach (var english in (string[])["Reveal", "StatusChange", "Export"])
        {
            Assert.DoesNotContain(english, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Action_EveryActionHasItsOwnChineseName()
    {
        var actions = Enum.GetValues<AuditAction>();
        var names = actions.Select(a => CrmCore.Cli.Localization.AuditMessages.Action(a)).ToList();

        Assert.Equal(actions.Select(a => a.ToString()), names.Select(n => n.En));
        Assert.All(names, n => Assert.DoesNotMatch("[A-Za-z]", n.Zh));
        Assert.Equal(names.Count, names.Select(n => n.Zh).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void List_FiltersByEntityActorAndTime()
    {
        using var dir = new TempDirectory();
        var path = Database(dir);

        var byEntity = Crm.Run("audit", "list", "--connection", path, "--entity", "ticket:WT202603001");
        var byActor = Crm.Run("audit", "list", "--connection", path, "--actor", "li.na", "--from", "2026-03-02T09:30:00+08:00");

        Assert.True(byEntity.ExitCode == 0, byEntity.ToString());
        Assert.Contains("2  2026-03-02T02:00:00Z  wang.fang  StatusChange  ticket:WT202603001  status  Pending -> InProgress  -", byEntity.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("li.na", byEntity.Out, StringComparison.Ordinal);
        Assert.Contains("3  2026-03-02T03:00:00Z  li.na  Export  customer:*", byActor.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Reveal", byActor.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    [InlineData("10000", 3)]
    public void List_LimitWithinItsRange_ListsAtMostThatManyOldestFirst(string limit, int expected)
    {
        using var dir = new TempDirectory();
        var path = Database(dir);

        var run = Crm.Run("audit", "list", "--connection", path, "--limit", limit);

        Assert.True(run.ExitCode == 0, run.ToString());
        var records = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(expected, records.Count);
        Assert.StartsWith("1  ", records[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("-1")]
    public void List_LimitOutOfItsRange_UsageErrorAndNothingRead(string limit)
    {
        using var dir = new TempDirectory();
        var path = Database(dir);

        var run = Crm.Run("audit", "list", "--connection", path, "--limit", limit);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error: --limit must be between 1 and 10000, not {limit}.", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void BadInput_IsAClearErrorNamingIt()
    {
        using var dir = new TempDirectory();
        var path = Database(dir);

        var missing = Crm.Run("audit", "list", "--connection", dir.File("nope.db"));
        var entity = Crm.Run("audit", "list", "--connection", path, "--entity", "KH0001");
        var instant = Crm.Run("audit", "list", "--connection", path, "--from", "yesterday");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nope.db' was not found", missing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("nope.db")));
        Assert.Equal(2, entity.ExitCode);
        Assert.Contains("'KH0001' is not type:id", entity.Error, StringComparison.Ordinal);
        Assert.Equal(2, instant.ExitCode);
        Assert.Contains("'yesterday' is not an instant", instant.Error, StringComparison.Ordinal);
    }
}
