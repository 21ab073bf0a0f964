using CrmCore.Cli.Commands;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Tests.Infrastructure;
using Npgsql;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// A PostgreSQL store that was reached, then failed during the command, is not said as one that cannot be reached: a statement that
/// runs longer than the connection string's <c>Command Timeout=</c> (here, behind another session's lock on the audit table) is said as
/// such, in the user's language, never as "cannot connect ... check the host, the port and any firewall". Run against a real PostgreSQL
/// (<c>CRMCORE_TEST_POSTGRES</c>).
/// </summary>
public sealed class PostgreSqlSessionErrorTests
{
    [PostgresFact]
    public void Audit_AStatementBehindAnotherSessionsLock_PastCommandTimeout_IsSaidAsTheTimeout_NotAsCannotConnect()
    {
        using var temp = new TempDirectory();
        using var database = new StoreOpenPostgreSqlTests.ScratchDatabase();
        var import = StoreOpenTests.RunAgainst(temp, "import customers", "postgresql:" + database.ConnectionString, "en");
        Assert.True(import.ExitCode == 0, import.ToString());
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 2 }.ConnectionString;
        var masked = StoreErrors.MaskPassword(connection);

        // Another session holds the audit table (not crm.schema_version, so the schema check passes and the server is reached).
        using var holder = new NpgsqlConnection(database.ConnectionString);
        holder.Open();
        using var transaction = holder.BeginTransaction();
        using (var lockTable = new NpgsqlCommand("LOCK TABLE crm.audit_log IN ACCESS EXCLUSIVE MODE;", holder, transaction))
        {
            lockTable.ExecuteNonQuery();
        }

        var en = Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, ["audit", "list", "--provider", "postgresql", "--connection", connection, "--lang", "en"]);
        var zh = Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, ["audit", "verify", "--provider", "postgresql", "--connection", connection, "--lang", "zh-Hans"]);
        transaction.Rollback();

        Assert.True(en.ExitCode == 1, en.ToString());
        Assert.Equal(
            $"error: the PostgreSQL store '{masked}' failed during the command: a statement ran longer than Command Timeout= allows (2 s); another session may hold a lock it waits for (try again later, or raise Command Timeout=)",
            en.Error.TrimEnd());
        Assert.True(zh.ExitCode == 1, zh.ToString());
        Assert.Equal(
            $"错误: PostgreSQL 存储“{masked}”在执行命令时出错：语句运行时间超过 Command Timeout= 允许的时长（2 秒）；可能有其他会话持有它在等待的锁（请稍后再试，或调大 Command Timeout=）",
            zh.Error.TrimEnd());
        Assert.DoesNotContain("firewall", en.Error, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void Audit_SslModeRequire_AgainstAServerWithoutSsl_IsSaidAsTheSecureConnection_InTheUsersLanguage()
    {
        // The test cluster has no SSL (ssl = off): a connection string that requires it fails before the login.
        using var temp = new TempDirectory();
        using var database = new StoreOpenPostgreSqlTests.ScratchDatabase();
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { SslMode = SslMode.Require }.ConnectionString;
        var masked = StoreErrors.MaskPassword(connection);

        var en = Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, ["audit", "list", "--provider", "postgresql", "--connection", connection, "--lang", "en"]);
        var zh = StoreOpenTests.RunAgainst(temp, "export customers", "postgresql:" + connection, "zh-Hans");

        Assert.True(en.ExitCode == 1, en.ToString());
        Assert.StartsWith(
            $"error: cannot connect to the PostgreSQL store '{masked}': the secure connection (TLS) could not be set up (check SSL Mode= and the server's certificate){Environment.NewLine}  detail: ",
            en.Error,
            StringComparison.Ordinal);
        Assert.True(zh.ExitCode == 1, zh.ToString());
        Assert.StartsWith($"错误: 无法连接 PostgreSQL 存储“{masked}”：无法建立安全连接（TLS）（请检查 SSL Mode= 和服务器的证书）", zh.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ASocketFailureAfterTheServerWasReached_IsAConnectionLost_NotCannotConnect()
    {
        const string Store = "Host=db.example;Username=crm;Password=s3cret;Database=desk";
        var socket = new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset);
        var error = new NpgsqlException("Exception while reading from stream", new IOException("Unable to read data from the transport connection", socket));

        string? Describe(CliLanguage language, bool reached) =>
            StoreErrors.Describe(new CliContext(new TestConsole(), language) { Store = "postgresql:" + Store, StoreReached = reached }, error);

        Assert.Equal(
            $"the PostgreSQL store 'Host=db.example;Username=crm;Password=***;Database=desk' failed during the command: the connection to the server was lost (a network failure, or the server stopped or ended the session){Environment.NewLine}  detail: {socket.Message}",
            Describe(CliLanguage.English, reached: true));
        Assert.StartsWith("PostgreSQL 存储“Host=db.example;Username=crm;Password=***;Database=desk”在执行命令时出错：与服务器的连接中断了", Describe(CliLanguage.Chinese, reached: true), StringComparison.Ordinal);

        // Before the server answered, the same failure is one to connect.
        Assert.StartsWith("cannot connect to the PostgreSQL store ", Describe(CliLanguage.English, reached: false), StringComparison.Ordinal);
    }

    [PostgresFact]
    public void DbMigrate_BehindAnotherSessionsUncommittedSchema_PastCommandTimeout_IsSaidAsTheTimeout_NotAsCannotConnect()
    {
        // crm db migrate reads the schema itself (not through StoreSchemaCheck): the database looks empty, and the migration's
        // CREATE SCHEMA waits for another session's uncommitted one until Command Timeout=.
        using var temp = new TempDirectory();
        using var database = new StoreOpenPostgreSqlTests.ScratchDatabase();
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 2 }.ConnectionString;
        var masked = StoreErrors.MaskPassword(connection);
        using var holder = new NpgsqlConnection(database.ConnectionString);
        holder.Open();
        using var transaction = holder.BeginTransaction();
        using (var create = new NpgsqlCommand("CREATE SCHEMA crm;", holder, transaction))
        {
            create.ExecuteNonQuery();
        }

        var run = Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, ["db", "migrate", "--store", "postgresql:" + connection, "--lang", "en"]);
        transaction.Rollback();

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"error: the PostgreSQL store '{masked}' failed during the command: a statement ran longer than Command Timeout= allows (2 s)", run.Error, StringComparison.Ordinal);
    }
}
