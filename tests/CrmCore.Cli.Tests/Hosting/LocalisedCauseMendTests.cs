using System.Diagnostics;
using System.Globalization;
using CrmCore.Access;
using CrmCore.Agents;
using CrmCore.Cli.Commands;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Tests.Infrastructure;
using CrmCore.Customers;
using CrmCore.Rules;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CrmCore.Cli.Tests.Hosting;

/// <summary>
/// Failure causes the reviewer found still in English or mis-said: a SQLite failure of <c>crm audit</c> that is not a missing trail, the
/// pack file <c>crm rules export-default --force</c> cannot remove, and a CrmCore exception that reaches the top of <c>crm</c> or the
/// customer export's access check.
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

    [Fact]
    public void Audit_AMissingAuditTable_SaysSqlitesCode_AndItsEnglishTextOnlyOnADetailLine()
    {
        var error = new SqliteException("SQLite Error 1: 'no such table: crm_audit'.", 1);

        var en = AuditRead(CliLanguage.English, error).Split(NewLine);
        var zh = AuditRead(CliLanguage.Chinese, error).Split(NewLine);

        Assert.EndsWith("`crm db script`): SQLite reported error 1", en[0], StringComparison.Ordinal);
        Assert.Equal("  detail: SQLite Error 1: 'no such table: crm_audit'.", en[1]);
        Assert.StartsWith("错误: 数据库“crm.db”没有本版本可读取的审计记录", zh[0], StringComparison.Ordinal);
        Assert.EndsWith("：SQLite 报告了错误 1", zh[0], StringComparison.Ordinal);
        Assert.Equal("  详情：SQLite Error 1: 'no such table: crm_audit'.", zh[1]);
    }

    [Fact]
    public void Audit_ASchemaOfAnotherVersion_IsSaidInTheUsersLanguage()
    {
        var error = new CrmCore.Storage.SchemaVersionException("crm.db", 99, 20);

        var zh = AuditRead(CliLanguage.Chinese, error);

        Assert.StartsWith("错误: 数据库“crm.db”没有本版本可读取的审计记录", zh, StringComparison.Ordinal);
        Assert.Contains("：" + error.LocalizedMessage(CliLanguage.Chinese.Culture), zh, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Message, zh, StringComparison.Ordinal);
    }

    [ImmutableFileFact]
    public void ExportDefault_Force_AFileThatCannotBeRemoved_SaysTheCauseInTheUsersLanguage()
    {
        using var dir = new TempDirectory();
        var folder = dir.File("pack");
        Assert.Equal(0, Crm.Run("rules", "export-default", folder).ExitCode);
        var tiering = Path.Combine(folder, DefaultRulePack.Tiering);
        Chattr("+i", tiering);
        try
        {
            var en = Crm.Run("rules", "export-default", folder, "--doc003", "--force");
            var zh = Crm.Run("rules", "export-default", folder, "--doc003", "--force", "--lang", "zh-Hans");

            Assert.True(en.ExitCode == 1, en.ToString());
            Assert.Equal(
                $"error: could not remove {tiering} (a rule set holds one Tiering workflow, so it must go before the pack is written): access is denied; nothing was written",
                en.Error.TrimEnd());
            Assert.Equal(
                $"错误: 无法删除 {tiering}（一个规则集只能有一个 Tiering（分层）工作流，写入前须先删除它）：没有访问权限；未写入任何文件",
                zh.Error.TrimEnd());
            Assert.False(File.Exists(Path.Combine(folder, DefaultRulePack.TieringDoc003)));
        }
        finally
        {
            Chattr("-i", tiering);
        }
    }

    [Fact]
    public void ACrmExceptionReachingTheTop_IsSaidInTheRunsLanguage()
    {
        var denied = new AccessDeniedException(AccessDenial.OutOfScope, new Principal(new AgentId("A002"), ["agent"]), new CustomerId("KH0001"));
        var chinese = denied.LocalizedMessage(CultureInfo.GetCultureInfo("zh-Hans"));
        Assert.NotEqual(denied.Message, chinese);

        var en = new DenyingConsole(denied, atWrite: true);
        var zh = new DenyingConsole(denied, atWrite: true);
        Assert.Equal(1, CliApplication.Run(["schema", "customers"], en));
        Assert.Equal(1, CliApplication.Run(["--lang", "zh-Hans", "schema", "customers"], zh));

        Assert.Equal($"error: internal error: {denied.Message}{NewLine}", en.ErrorWriter.ToString());
        Assert.Equal($"错误: 内部错误：{chinese}{NewLine}", zh.ErrorWriter.ToString());
    }

    [Fact]
    public void ExportCustomers_AnAccessDenial_IsSaidInTheRunsLanguage()
    {
        using var dir = new TempDirectory();
        var store = "sqlite:" + dir.File("crm.db");
        dir.Write("c.csv", "客户名称,联系人,手机\n上海甲公司,张三,13800138000\n");
        Assert.Equal(0, Crm.Run("import", "customers", dir.File("c.csv"), "--store", store).ExitCode);
        var denied = new AccessDeniedException(AccessDenial.OutOfScope, new Principal(new AgentId("A002"), ["agent"]), new CustomerId("KH0001"));

        // The export's audit record takes its time from the clock: a denial there is one the export command itself reports.
        var zh = new DenyingConsole(denied, atWrite: false);
        var code = CliApplication.Run(["--lang", "zh-Hans", "export", "customers", "--store", store, "--out", dir.File("c.xlsx")], zh);

        Assert.True(code == 2, zh.ErrorWriter.ToString());
        Assert.Equal($"错误: {denied.LocalizedMessage(CultureInfo.GetCultureInfo("zh-Hans"))}{NewLine}", zh.ErrorWriter.ToString());
    }

    private static string AuditRead(CliLanguage language, Exception error)
    {
        var console = new TestConsole();
        var context = new CliContext(console, language) { Store = "sqlite:crm.db" };

        Assert.False(AuditCommand.TryRead<int>(context, () => throw error, out _));
        return console.ErrorWriter.ToString();
    }

    private static void Chattr(string change, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [change, path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {change} {path} failed");
    }

    /// <summary>A console whose standard output (<c>atWrite</c>) or clock throws <c>error</c> when used.</summary>
    private sealed class DenyingConsole(Exception error, bool atWrite) : ICliConsole
    {
        private readonly TestConsole _inner = new();

        public StringWriter ErrorWriter => _inner.ErrorWriter;

        public TextWriter Out { get; } = atWrite ? new ThrowingWriter(error) : new StringWriter(CultureInfo.InvariantCulture);

        public TextWriter Error => _inner.Error;

        public bool IsOutputRedirected => true;

        public int Width => _inner.Width;

        public IClock Clock { get; } = atWrite ? new TestConsole().Clock : new ThrowingClock(error);

        public CultureInfo UiCulture => _inner.UiCulture;

        public string WorkingDirectory => _inner.WorkingDirectory;
    }

    private sealed class ThrowingClock(Exception error) : IClock
    {
        public Instant GetCurrentInstant() => throw error;
    }

    private sealed class ThrowingWriter(Exception error) : StringWriter(CultureInfo.InvariantCulture)
    {
        public override void Write(char value) => throw error;

        public override void Write(string? value) => throw error;

        public override void Write(char[] buffer, int index, int count) => throw error;

        public override void WriteLine(string? value) => throw error;
    }
}

/// <summary>A fact that makes a file immutable (<c>chattr +i</c>), which even root cannot remove: skipped unless Linux, root and chattr.</summary>
public sealed class ImmutableFileFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason where a file cannot be made immutable.</summary>
    public ImmutableFileFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/chattr"))
        {
            Skip = "Needs Linux, root and /usr/bin/chattr to make a file immutable.";
        }
    }
}
