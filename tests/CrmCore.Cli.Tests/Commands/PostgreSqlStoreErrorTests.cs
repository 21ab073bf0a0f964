using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CrmCore.Cli.Commands;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// Every command that reads or writes a desk store says a PostgreSQL store it cannot use in one line: the connection string with the
/// password masked, and the cause (connection refused, authentication failed, database missing), exit code 1, no stack trace. A connection
/// string that cannot be read is a usage error (exit code 2). No PostgreSQL server is needed: a free port, or a fake server that answers
/// the startup message with an error.
/// </summary>
public sealed class PostgreSqlStoreErrorTests
{
    private const string Customers = "客户名称,联系人,手机\n上海甲公司,张三,13800138000\n";

    public static TheoryData<string, string> Commands() => new()
    {
        { "import customers", "en" },
        { "import customers", "zh-Hans" },
        { "import tickets", "en" },
        { "export customers", "en" },
        { "export tickets", "zh-Hans" },
        { "report", "en" },
        { "audit list", "en" },
        { "audit verify", "zh-Hans" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void AnyStoreCommand_NothingListensOnThePort_OneLineNamingTheMaskedStoreAndConnectionRefused(string command, string lang)
    {
        using var temp = new TempDirectory();
        var port = FreePort();
        var connection = $"Host=127.0.0.1;Port={port};Username=crm;Password=s3cret;Database=crm;Timeout=5";

        var run = RunAgainst(temp, command, connection, lang);

        var masked = $"Host=127.0.0.1;Port={port};Username=crm;Password=***;Database=crm;Timeout=5";
        var expected = lang == "en"
            ? $"error: cannot connect to the PostgreSQL store '{masked}': connection refused at 127.0.0.1:{port} (is the server running and listening on that host and port?)"
            : $"错误: 无法连接 PostgreSQL 存储“{masked}”：127.0.0.1:{port} 拒绝连接（服务器是否在运行，并在该主机和端口上监听？）";
        AssertOneStoreLine(run, expected);
        Assert.False(File.Exists(temp.File("x.xlsx")));
    }

    [Theory]
    [InlineData("audit list", "en", "28P01", "error: cannot connect to the PostgreSQL store '{0}': authentication failed for user 'crm' (check Username= and Password=)")]
    [InlineData("import customers", "zh-Hans", "28P01", "错误: 无法连接 PostgreSQL 存储“{0}”：用户“crm”身份验证失败（请检查 Username= 和 Password=）")]
    [InlineData("export tickets", "en", "3D000", "error: cannot connect to the PostgreSQL store '{0}': the database 'nope' does not exist (check Database= in the connection string)")]
    [InlineData("audit verify", "zh-Hans", "3D000", "错误: 无法连接 PostgreSQL 存储“{0}”：数据库“nope”不存在（请检查连接字符串中的 Database=）")]
    public void AnyStoreCommand_ServerRefusesTheLogin_OneLineNamingTheCause(string command, string lang, string sqlState, string message)
    {
        using var temp = new TempDirectory();
        using var server = new RefusingServer(sqlState);
        var connection = $"Host=127.0.0.1;Port={server.Port};Username=crm;Password=s3cret;Database=nope;Timeout=5;Pooling=false";

        var run = RunAgainst(temp, command, connection, lang);

        var masked = $"Host=127.0.0.1;Port={server.Port};Username=crm;Password=***;Database=nope;Timeout=5;Pooling=false";
        AssertOneStoreLine(run, string.Format(System.Globalization.CultureInfo.InvariantCulture, message, masked));
    }

    [Theory]
    [InlineData("import customers", "en", "Host=127.0.0.1;Password=s3cret;Bogus=1", "error: --store: 'Host=127.0.0.1;Password=***;Bogus=1' is not a PostgreSQL connection string: unknown keyword 'bogus' (nothing was read or written)")]
    [InlineData("export tickets", "zh-Hans", "Host=127.0.0.1;Port=x;Password=s3cret", "错误: --store：“Host=127.0.0.1;Port=x;Password=***”不是 PostgreSQL 连接字符串：“port”的值无效（未读取或写入任何内容）")]
    [InlineData("report", "en", "Host=127.0.0.1;Password='s3cret", "error: --store: 'Host=127.0.0.1;Password=***' is not a PostgreSQL connection string: it is not in the form Key=value;Key=value (a quote left open?)")]
    [InlineData("audit list", "en", "Host=127.0.0.1;Password=s3cret;Bogus=1", "error: --connection: 'Host=127.0.0.1;Password=***;Bogus=1' is not a PostgreSQL connection string: unknown keyword 'bogus'")]
    public void AnyStoreCommand_UnreadableConnectionString_UsageErrorWithThePasswordMasked(string command, string lang, string connection, string message)
    {
        using var temp = new TempDirectory();

        var run = RunAgainst(temp, command, connection, lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", run.Error + run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(temp.FullName), f => !f.EndsWith(".csv", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en", "error: --store: 'Host=h;Password=***' is not a PostgreSQL connection string: it is not in the form Key=value;Key=value (a quote left open?)")]
    [InlineData("zh-Hans", "错误: --store：“Host=h;Password=***”不是 PostgreSQL 连接字符串：它不是 键=值;键=值 的形式（是否有未闭合的引号？）")]
    public void AnyStoreCommand_PasswordWithASemicolon_NoPartOfThePasswordShown(string lang, string message)
    {
        using var temp = new TempDirectory();

        // Read as Password=sec and the keyword 'ret;username': naming that keyword, or showing the string, would print 'ret'.
        var run = RunAgainst(temp, "import customers", "Host=h;Password=sec;ret;Username=u", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ret", run.Error + run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("sec", run.Error + run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=h;Password=s3cret;Database=d", "Host=h;Password=***;Database=d")]
    [InlineData("Host=h; password = 's3;cret' ;Database=d", "Host=h; password = *** ;Database=d")]
    [InlineData("Host=h;PWD=\"s3\"\"cret\"", "Host=h;PWD=***")]
    [InlineData("psw=s3cret;Host=h", "psw=***;Host=h")]
    [InlineData("Host=h;SSL Password=s3cret;Passfile=/p", "Host=h;SSL Password=***;Passfile=/p")]
    [InlineData("Host=h;Password=", "Host=h;Password=***")]
    [InlineData("Host=h;Database=password", "Host=h;Database=password")]
    public void MaskPassword_EveryPasswordKey_ValueMaskedAndTheRestAsWritten(string connection, string masked)
    {
        Assert.Equal(masked, StoreErrors.MaskPassword(connection));
    }

    private static CrmRun RunAgainst(TempDirectory temp, string command, string connection, string lang)
    {
        temp.Write("c.csv", Customers);
        var store = "postgresql:" + connection;
        string[] args = command switch
        {
            "import customers" => ["import", "customers", "c.csv", "--store", store],
            "import tickets" => ["import", "tickets", Path.Combine(RepoPaths.SampleData, "import", "服务质量问题跟踪表.csv"), "--store", store],
            "export customers" => ["export", "customers", "--store", store, "--out", "x.xlsx"],
            "export tickets" => ["export", "tickets", "--store", store, "--out", "x.xlsx"],
            "report" => ["report", "--tickets", Path.Combine(RepoPaths.SampleData, "tickets.csv"), "--surveys", Path.Combine(RepoPaths.SampleData, "surveys.csv"), "--month", "2026-02", "--store", store],
            "audit list" => ["audit", "list", "--provider", "postgresql", "--connection", connection],
            "audit verify" => ["audit", "verify", "--provider", "postgresql", "--connection", connection],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };
        return Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, [.. args, "--lang", lang]);
    }

    private static void AssertOneStoreLine(CrmRun run, string expected)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines, l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("错误:", StringComparison.Ordinal));
        Assert.Equal(expected, line);
        Assert.DoesNotContain("s3cret", run.Error + run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("内部错误", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("audit trail", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("审计记录", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: bound by the system, then freed.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// A fake PostgreSQL server on a loopback port: declines TLS and GSS encryption, then answers every startup message with a FATAL
    /// ErrorResponse of the given SQLSTATE (protocol 3.0), as a server does for a bad password (28P01) or a missing database (3D000).
    /// </summary>
    private sealed class RefusingServer : IDisposable
    {
        private const int SslRequest = 80877103;
        private const int GssEncRequest = 80877104;
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;

        public RefusingServer(string sqlState)
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _serving = Task.Run(() => ServeAsync(sqlState, _stop.Token));
        }

        public int Port { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                _serving.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The listener was stopped under an accept: the server is done.
            }

            _stop.Dispose();
        }

        private async Task ServeAsync(string sqlState, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(stop);
                try
                {
                    await AnswerAsync(client.GetStream(), sqlState, stop);
                }
                catch (IOException)
                {
                    // The client hung up first: wait for the next.
                }
            }
        }

        private static async Task AnswerAsync(NetworkStream stream, string sqlState, CancellationToken stop)
        {
            while (true)
            {
                var header = new byte[8];
                await stream.ReadExactlyAsync(header, stop);
                var length = BinaryPrimitives.ReadInt32BigEndian(header);
                var code = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
                await stream.ReadExactlyAsync(new byte[length - 8], stop);
                if (code is SslRequest or GssEncRequest)
                {
                    await stream.WriteAsync("N"u8.ToArray(), stop);
                    continue;
                }

                await stream.WriteAsync(ErrorResponse(sqlState), stop);
                return;
            }
        }

        private static byte[] ErrorResponse(string sqlState)
        {
            var fields = new MemoryStream();
            foreach (var (type, value) in new[] { ('S', "FATAL"), ('V', "FATAL"), ('C', sqlState), ('M', "refused by the test server") })
            {
                fields.WriteByte((byte)type);
                fields.Write(Encoding.UTF8.GetBytes(value));
                fields.WriteByte(0);
            }

            fields.WriteByte(0);
            var body = fields.ToArray();
            var message = new byte[1 + 4 + body.Length];
            message[0] = (byte)'E';
            BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + body.Length);
            body.CopyTo(message, 5);
            return message;
        }
    }
}
