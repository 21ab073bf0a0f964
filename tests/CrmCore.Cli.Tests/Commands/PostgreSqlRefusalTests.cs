using System.Globalization;
using CrmCore.Cli.Commands;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Tests.Infrastructure;
using Npgsql;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// A statement a PostgreSQL store refuses (permission denied, a dropped table or schema, a read-only server, a lock or a full disk...)
/// is said by its SQLSTATE, as SQLite's failures are by their code, in the user's language: one line naming the store (password masked)
/// and the cause, the server's own (English) text only on a detail line below; <c>crm audit</c> no longer calls it a missing audit trail.
/// The wording by SQLSTATE needs no server; the commands are run against a real PostgreSQL (<c>CRMCORE_TEST_POSTGRES</c>).
/// </summary>
public sealed class PostgreSqlRefusalTests
{
    private const string Store = "Host=db.example;Username=crm;Password=s3cret;Database=desk";
    private const string Masked = "Host=db.example;Username=crm;Password=***;Database=desk";
    private const string ServerText = "permission denied for table audit_log";

    public static TheoryData<string, string, string> Causes => new()
    {
        { "42501", "the user 'crm' does not have the permission this needs (ask the database's owner to grant it)", "用户“crm”没有所需的权限（请让数据库的所有者授予）" },
        { "42P01", "a table, column or schema of the CrmCore store is missing (was it dropped, or is it in another schema?)", "CrmCore 存储中缺少表、列或架构（是否已被删除，或位于其他架构中？）" },
        { "3F000", "a table, column or schema of the CrmCore store is missing (was it dropped, or is it in another schema?)", "CrmCore 存储中缺少表、列或架构（是否已被删除，或位于其他架构中？）" },
        { "42703", "a table, column or schema of the CrmCore store is missing (was it dropped, or is it in another schema?)", "CrmCore 存储中缺少表、列或架构（是否已被删除，或位于其他架构中？）" },
        { "25006", "the server takes only reads (a standby, or a read-only database)", "服务器只接受读取（备用服务器或只读数据库）" },
        { "55P03", "another program is using it; try again later", "另一个程序正在使用它；请稍后再试" },
        { "40P01", "another program is using it; try again later", "另一个程序正在使用它；请稍后再试" },
        { "57014", "the statement was cancelled: it ran longer than allowed (Command Timeout= or the server's statement_timeout), or an administrator stopped it", "语句被取消：运行时间超过允许的时长（Command Timeout= 或服务器的 statement_timeout），或被管理员终止" },
        { "57P01", "the server ended the session (an administrator stopped it, or the server is shutting down)", "服务器结束了该会话（被管理员终止，或服务器正在关闭）" },
        { "57P02", "the server is shutting down or restarting; try again later", "服务器正在关闭或重启；请稍后再试" },
        { "53100", "the disk is full", "磁盘已满" },
        { "53200", "the server is out of resources (such as memory); try again later", "服务器资源不足（例如内存）；请稍后再试" },
        { "XX001", "the server found its data damaged", "服务器发现其数据已损坏" },
        { "58030", "the server could not read or write its disk", "服务器无法读写其磁盘" },
        { "22P02", "the server refused the statement (SQLSTATE 22P02)", "服务器拒绝了该语句（SQLSTATE 22P02）" },
    };

    [Theory]
    [MemberData(nameof(Causes))]
    public void Describe_AStatementTheServerRefused_IsWordedBySqlState_InTheUsersLanguage_WithTheServersTextOnlyAsDetail(string sqlState, string english, string chinese)
    {
        var error = new PostgresException(ServerText, "ERROR", "ERROR", sqlState);

        Assert.Equal(
            $"the PostgreSQL store '{Masked}' refused: {english}{Environment.NewLine}  detail: {ServerText}",
            Describe(CliLanguage.English, error));
        Assert.Equal(
            $"PostgreSQL 存储“{Masked}”拒绝了请求：{chinese}{Environment.NewLine}  详情：{ServerText}",
            Describe(CliLanguage.Chinese, error));
    }

    public static TheoryData<string, string, string> LoginRefusals => new()
    {
        { "53300", "the server has no connection to spare (too many connections); try again later", "服务器的连接数已满；请稍后再试" },
        { "57P03", "the server is shutting down or restarting; try again later", "服务器正在关闭或重启；请稍后再试" },
        { "08P01", "the server refused the connection (SQLSTATE 08P01)", "服务器拒绝了连接（SQLSTATE 08P01）" },
    };

    [Theory]
    [MemberData(nameof(LoginRefusals))]
    public void Describe_ALoginTheServerRefused_IsWordedBySqlState_WithTheServersTextOnlyAsDetail(string sqlState, string english, string chinese)
    {
        var error = new PostgresException("sorry, too many clients already", "FATAL", "FATAL", sqlState);

        Assert.Equal(
            $"cannot connect to the PostgreSQL store '{Masked}': {english}{Environment.NewLine}  detail: sorry, too many clients already",
            Describe(CliLanguage.English, error));
        Assert.Equal(
            $"无法连接 PostgreSQL 存储“{Masked}”：{chinese}{Environment.NewLine}  详情：sorry, too many clients already",
            Describe(CliLanguage.Chinese, error));
    }

    [Fact]
    public void Describe_ANetworkFailureCrmDoesNotName_IsSaidInTheUsersLanguage_TheSocketErrorOnlyOnTheDetailLine()
    {
        var socket = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset);
        var error = new NpgsqlException("Exception while reading from stream", socket);

        Assert.Equal(
            $"cannot connect to the PostgreSQL store '{Masked}': the network connection failed{Environment.NewLine}  detail: ConnectionReset: {socket.Message}",
            Describe(CliLanguage.English, error));
        Assert.Equal(
            $"无法连接 PostgreSQL 存储“{Masked}”：网络连接失败{Environment.NewLine}  详情：ConnectionReset: {socket.Message}",
            Describe(CliLanguage.Chinese, error));
    }

    [Fact]
    public void Describe_AProtocolOrTlsFailure_IsSaidInPlainWords_WithDotNetsTextOnlyAsDetail()
    {
        var error = new NpgsqlException("Exception while connecting", new System.Security.Authentication.AuthenticationException("The remote certificate is invalid (system text)"));

        Assert.Equal(
            $"cannot connect to the PostgreSQL store '{Masked}': the secure connection (TLS) could not be set up (check SSL Mode= and the server's certificate){Environment.NewLine}  detail: The remote certificate is invalid (system text)",
            Describe(CliLanguage.English, error));
        Assert.Equal(
            $"无法连接 PostgreSQL 存储“{Masked}”：无法建立安全连接（TLS）（请检查 SSL Mode= 和服务器的证书）{Environment.NewLine}  详情：The remote certificate is invalid (system text)",
            Describe(CliLanguage.Chinese, error));
    }

    [Fact]
    public void Describe_AnotherConnectionFailure_IsSaidInPlainWords_WithNpgsqlsTextOnlyAsDetail()
    {
        var error = new NpgsqlException("Received unexpected backend message (system text)");

        Assert.Equal(
            $"cannot connect to the PostgreSQL store '{Masked}': the connection to the server failed{Environment.NewLine}  detail: Received unexpected backend message (system text)",
            Describe(CliLanguage.English, error));
        Assert.Equal(
            $"无法连接 PostgreSQL 存储“{Masked}”：与服务器的连接失败{Environment.NewLine}  详情：Received unexpected backend message (system text)",
            Describe(CliLanguage.Chinese, error));
    }

    [PostgresFact]
    public void Audit_ARoleWithoutRightsOnTheTrail_SaysPermissionDenied_NotThatThereIsNoTrail()
    {
        using var temp = new TempDirectory();
        using var database = WithAStore(temp);
        var role = "crm_reader_" + Guid.NewGuid().ToString("N")[..8];
        database.Execute($"CREATE ROLE {role} LOGIN; GRANT USAGE ON SCHEMA crm TO {role}; GRANT SELECT ON crm.schema_version TO {role};");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = "s3cret" }.ConnectionString;
            var masked = StoreErrors.MaskPassword(connection);

            foreach (var (sub, lang, expected, detail) in new[]
            {
                ("list", "en", $"error: the PostgreSQL store '{masked}' refused: the user '{role}' does not have the permission this needs (ask the database's owner to grant it)", "  detail: permission denied for table audit_log"),
                ("verify", "zh-Hans", $"错误: PostgreSQL 存储“{masked}”拒绝了请求：用户“{role}”没有所需的权限（请让数据库的所有者授予）", "  详情：permission denied for table audit_log"),
            })
            {
                var run = Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, ["audit", sub, "--provider", "postgresql", "--connection", connection, "--lang", lang]);

                Assert.True(run.ExitCode == 1, run.ToString());
                Assert.Equal($"{expected}{Environment.NewLine}{detail}", run.Error.TrimEnd());
                Assert.DoesNotContain("s3cret", run.Error, StringComparison.Ordinal);
            }

            // Another store command on the same role (no right on the customers either): the same cause, the same way.
            var report = StoreOpenTests.RunAgainst(temp, "export customers", "postgresql:" + connection, "en");
            Assert.True(report.ExitCode == 1, report.ToString());
            Assert.Contains($"error: the PostgreSQL store '{masked}' refused: the user '{role}' does not have the permission this needs", report.Error, StringComparison.Ordinal);
            Assert.Contains("  detail: permission denied for ", report.Error, StringComparison.Ordinal);
        }
        finally
        {
            database.Execute($"DROP OWNED BY {role}; DROP ROLE {role};");
        }
    }

    [PostgresFact]
    public void Audit_ATrailWhoseTableWasDropped_SaysATableIsMissing_InTheUsersLanguage()
    {
        using var temp = new TempDirectory();
        using var database = WithAStore(temp);
        database.Execute("DROP TABLE crm.audit_log CASCADE;");
        var masked = StoreErrors.MaskPassword(database.ConnectionString);

        var en = Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, ["audit", "verify", "--provider", "postgresql", "--connection", database.ConnectionString]);
        var zh = Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, ["audit", "list", "--provider", "postgresql", "--connection", database.ConnectionString, "--lang", "zh-Hans"]);

        Assert.True(en.ExitCode == 1, en.ToString());
        Assert.Equal(
            $"error: the PostgreSQL store '{masked}' refused: a table, column or schema of the CrmCore store is missing (was it dropped, or is it in another schema?){Environment.NewLine}  detail: relation \"crm.audit_log\" does not exist",
            en.Error.TrimEnd());
        Assert.True(zh.ExitCode == 1, zh.ToString());
        Assert.StartsWith($"错误: PostgreSQL 存储“{masked}”拒绝了请求：CrmCore 存储中缺少表、列或架构", zh.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("审计记录", zh.Error, StringComparison.Ordinal);
    }

    /// <summary>A scratch database holding a CrmCore store with an audit trail: one import of one customer.</summary>
    private static StoreOpenPostgreSqlTests.ScratchDatabase WithAStore(TempDirectory temp)
    {
        var database = new StoreOpenPostgreSqlTests.ScratchDatabase();
        var import = StoreOpenTests.RunAgainst(temp, "import customers", "postgresql:" + database.ConnectionString, "en");
        Assert.True(import.ExitCode == 0, import.ToString());
        return database;
    }

    private static string? Describe(CliLanguage language, Exception error)
    {
        var context = new CliContext(new TestConsole(), language) { Store = "postgresql:" + Store };
        return StoreErrors.Describe(context, error);
    }
}
