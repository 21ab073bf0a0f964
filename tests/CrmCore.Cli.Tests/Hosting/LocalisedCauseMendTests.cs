using CrmCore.Cli.Commands;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CrmCore.Cli.Tests.Hosting;

/// <summary>
/// Failure causes the reviewer found still in English or mis-said: a SQLite failure of <c>crm audit</c> that is not a missing trail.
/// </summary>
public sealed class LocalisedCauseMendTests
{
    private static readonly string NewLine = Environment.NewLine;

    [Fact]
    public void Audit_ASqliteFailureOfNoNamedCause_IsTheStoresFailure_NotAMissingTrail_InEnglishAndChinese()
    {
        // SQLITE_IOERR_READ: the store could not be read, which says nothing about its schema.
        var error = new SqliteException("SQLite Error 10: 'disk I/O error'.", 10, 266);

        Assert.Equal(
            $"error: the SQLite database 'crm.db' cannot be used: SQLite reported error 266{NewLine}  detail: SQLite Error 10: 'disk I/O error'.{NewLine}",
            AuditRead(CliLanguage.English, error));
        Assert.Equal(
            $"错误: 无法使用 SQLite 数据库“crm.db”：SQLite 报告了错误 266{NewLine}  详情：SQLite Error 10: 'disk I/O error'.{NewLine}",
            AuditRead(CliLanguage.Chinese, error));
    }

    [Fact]
    public void Audit_ASqliteFailureOfAFullDisk_IsWordedInChinese_NotAMissingTrail()
    {
        // What SQLite says when a WAL database's shared-memory file cannot grow on a full disk.
        var error = new SqliteException("SQLite Error 10: 'disk I/O error'.", 10, 4874);

        var zh = AuditRead(CliLanguage.Chinese, error);

        Assert.Equal($"错误: “crm.db”不是可用的 CrmCore 数据库：写入磁盘失败；磁盘可能已满{NewLine}", zh);
    }

    [Fact]
    public void Audit_AMissingAuditTable_IsStillAMissingTrail()
    {
        var error = new SqliteException("SQLite Error 1: 'no such table: crm_audit'.", 1);

        Assert.StartsWith("error: the database 'crm.db' has no audit trail this version can read", AuditRead(CliLanguage.English, error), StringComparison.Ordinal);
    }

    private static string AuditRead(CliLanguage language, Exception error)
    {
        var console = new TestConsole();
        var context = new CliContext(console, language) { Store = "sqlite:crm.db" };

        Assert.False(AuditCommand.TryRead<int>(context, () => throw error, out _));
        return console.ErrorWriter.ToString();
    }
}
