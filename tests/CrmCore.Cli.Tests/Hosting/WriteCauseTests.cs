using CrmCore.Cli.Commands;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CrmCore.Cli.Tests.Hosting;

/// <summary>
/// A file or a SQLite database <c>crm</c> cannot write or use is refused with the cause in the user's language (en or zh-Hans), by kind,
/// never with .NET's English text as the cause (<see cref="OutputPaths.Explain"/>, the file error of <see cref="CommandExtensions"/> and
/// <see cref="StoreErrors.Describe"/>); .NET's text is only a detail line, for a cause crm does not know or a message that does not name
/// the file. The causes are the ones the import names (<c>IoCause_*</c> of CrmCore.Import): one wording for both.
/// </summary>
public sealed class WriteCauseTests
{
    /// <summary>.NET-like English text that must not be the cause.</summary>
    private const string DotNetText = "The process cannot do that to '/x/r.json' (system text)";

    public static TheoryData<string, Exception, string, string> Causes => new()
    {
        { "file not found", new FileNotFoundException(DotNetText), "the file does not exist", "文件不存在" },
        { "folder not found", new DirectoryNotFoundException(DotNetText), "the folder does not exist", "文件夹不存在" },
        { "access denied", new UnauthorizedAccessException(DotNetText), "access is denied", "没有访问权限" },
        { "disk full", new IOException(DotNetText, OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28), "the disk is full", "磁盘已满" },
        { "in use", new IOException(DotNetText, OperatingSystem.IsWindows() ? unchecked((int)0x80070020) : 11), "the file is in use by another program", "文件正被其他程序使用" },
        { "path too long", new PathTooLongException(DotNetText), "the path is too long", "路径过长" },
        { "read-only", new IOException(DotNetText, OperatingSystem.IsWindows() ? unchecked((int)0x80070013) : 30), "the file system is read-only", "文件系统为只读" },
    };

    [Theory]
    [MemberData(nameof(Causes))]
    public void Reason_AKnownCause_IsWordedInTheUsersLanguage_WithoutDotNetsText(string why, Exception error, string english, string chinese)
    {
        var (en, zh) = (WriteReport(CliLanguage.English, error), WriteReport(CliLanguage.Chinese, error));

        Assert.True(en == $"error: the import above is done and kept, but the report 'r.json' could not be written: {english}{Environment.NewLine}", $"{why}: {en}");
        Assert.True(zh == $"错误: 上面的导入已完成并保存，但报告“r.json”未能写入：{chinese}{Environment.NewLine}", $"{why}: {zh}");
    }

    [Fact]
    public void Reason_AnUnknownCause_SaysTheSystemsErrorCode_AndDotNetsTextOnlyOnADetailLine()
    {
        var error = new IOException(DotNetText, OperatingSystem.IsWindows() ? unchecked((int)0x8007001F) : 5);
        var code = OperatingSystem.IsWindows() ? 31 : 5;

        Assert.Equal(
            $"error: the import above is done and kept, but the report 'r.json' could not be written: the system reported error {code}{Environment.NewLine}  detail: {DotNetText}{Environment.NewLine}",
            WriteReport(CliLanguage.English, error));
        Assert.Equal(
            $"错误: 上面的导入已完成并保存，但报告“r.json”未能写入：系统报告了错误 {code}{Environment.NewLine}  详情：{DotNetText}{Environment.NewLine}",
            WriteReport(CliLanguage.Chinese, error));
    }

    /// <summary>I/O failures that carry no operating-system error code (.NET's own HResult, such as COR_E_IO, -2146232800), by kind.</summary>
    public static TheoryData<string, Exception, string, string> CausesWithoutACode => new()
    {
        { "plain IOException", new IOException(DotNetText), "an input/output error for which the system gave no error code", "发生了输入输出错误（系统未给出错误代码）" },
        { "end of stream", new EndOfStreamException(DotNetText), "the data ended sooner than expected", "数据意外提前结束" },
        { "drive missing", new DriveNotFoundException(DotNetText), "the drive does not exist", "驱动器不存在" },
    };

    [Theory]
    [MemberData(nameof(CausesWithoutACode))]
    public void Reason_AnIOErrorWithoutASystemCode_IsSaidInPlainWordsByKind_NotAsItsHResult_AndDotNetsTextOnlyOnADetailLine(string why, Exception error, string english, string chinese)
    {
        var (en, zh) = (WriteReport(CliLanguage.English, error), WriteReport(CliLanguage.Chinese, error));

        Assert.True(
            en == $"error: the import above is done and kept, but the report 'r.json' could not be written: {english}{Environment.NewLine}  detail: {DotNetText}{Environment.NewLine}",
            $"{why}: {en}");
        Assert.True(
            zh == $"错误: 上面的导入已完成并保存，但报告“r.json”未能写入：{chinese}{Environment.NewLine}  详情：{DotNetText}{Environment.NewLine}",
            $"{why}: {zh}");
        Assert.DoesNotContain(error.HResult.ToString(System.Globalization.CultureInfo.InvariantCulture), en + zh, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFailure_AnIOErrorWithoutASystemCode_IsSaidInPlainWords_AndDotNetsTextOnlyOnADetailLine()
    {
        using var temp = new TempDirectory();
        var error = new IOException(DotNetText);

        Assert.Equal(
            $"file 'cal.json' cannot be read: an input/output error for which the system gave no error code; try again, or copy the file first{Environment.NewLine}  detail: {DotNetText}",
            new CliContext(new TestConsole { WorkingDirectory = temp.FullName }, CliLanguage.English).ReadFailure("cal.json", error));
        Assert.Equal(
            $"无法读取文件“cal.json”：发生了输入输出错误（系统未给出错误代码）；请重试，或先复制该文件{Environment.NewLine}  详情：{DotNetText}",
            new CliContext(new TestConsole { WorkingDirectory = temp.FullName }, CliLanguage.Chinese).ReadFailure("cal.json", error));
    }

    [Theory]
    [InlineData("en", "error: a file could not be read or written: an input/output error for which the system gave no error code", "  detail: ")]
    [InlineData("zh-Hans", "错误: 无法读取或写入文件：发生了输入输出错误（系统未给出错误代码）", "  详情：")]
    public void AnyCommand_AnIOErrorWithoutASystemCode_IsAFileProblemInPlainWords_WithDotNetsTextOnTheDetailLine(string lang, string first, string detail)
    {
        var console = new TestConsole();
        var command = new System.CommandLine.RootCommand { GlobalOptions.Language() };
        command.SetCliAction(console, (_, _) => throw new IOException(DotNetText));

        var code = command.Parse(["--lang", lang]).Invoke();

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal($"{first}{Environment.NewLine}{detail}{DotNetText}{Environment.NewLine}", console.ErrorWriter.ToString());
    }

    [UnixFact]
    public void Export_ToAFileAnotherProgramHoldsLocked_SaysItIsInUse_NotPermissionDenied()
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", "客户名称,联系人,手机\n上海甲公司,张三,13800138000\n");
        Assert.Equal(0, Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db").ExitCode);
        temp.Write("t.xlsx", "earlier");
        using var held = new FileStream(temp.File("t.xlsx"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var en = Run(temp, "export", "tickets", "--store", "sqlite:crm.db", "--out", "t.xlsx");
        var zh = Run(temp, "export", "tickets", "--store", "sqlite:crm.db", "--out", "t.xlsx", "--lang", "zh-Hans");

        Assert.True(en.ExitCode == 1, en.ToString());
        Assert.Equal("error: --out 't.xlsx' cannot be written: the file is in use by another program (nothing was read or written)", en.Error.TrimEnd());
        Assert.Equal("错误: --out“t.xlsx”无法写入：文件正被其他程序使用（未读取或写入任何内容）", zh.Error.TrimEnd());
    }

    [UnixFact]
    public void Report_HtmlToAFileAnotherProgramHoldsLocked_SaysItIsInUse_WithTheSystemsTextAsDetail()
    {
        using var temp = new TempDirectory();
        File.Copy(Path.Combine(RepoPaths.SampleData, "tickets.csv"), temp.File("tickets.csv"));
        temp.Write("r.html", "earlier");
        using var held = new FileStream(temp.File("r.html"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var en = Run(temp, "report", "--tickets", "tickets.csv", "--month", "2026-02", "--html", "r.html");
        var zh = Run(temp, "report", "--tickets", "tickets.csv", "--month", "2026-02", "--html", "r.html", "--lang", "zh-Hans");

        Assert.True(en.ExitCode == 1, en.ToString());
        var enLines = en.Error.TrimEnd().Split(Environment.NewLine)[^2..];
        Assert.Equal("error: a file could not be read or written: the file is in use by another program", enLines[0]);
        Assert.StartsWith("  detail: ", enLines[1], StringComparison.Ordinal);
        Assert.Contains("r.html", enLines[1], StringComparison.Ordinal);
        var zhLines = zh.Error.TrimEnd().Split(Environment.NewLine)[^2..];
        Assert.Equal("错误: 无法读取或写入文件：文件正被其他程序使用", zhLines[0]);
        Assert.StartsWith("  详情：", zhLines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, "another program is using it; try again later", "另一个程序正在使用它；请稍后再试")]
    [InlineData(6, "another program is using it; try again later", "另一个程序正在使用它；请稍后再试")]
    [InlineData(8, "it is read-only", "它是只读的")]
    [InlineData(11, "the file is damaged", "文件已损坏")]
    [InlineData(13, "the disk is full", "磁盘已满")]
    [InlineData(14, "it cannot be opened (check the folder and its permissions)", "无法打开（请检查所在文件夹及其权限）")]
    public void SqliteFailure_AKnownCause_IsWordedInTheUsersLanguage(int code, string english, string chinese)
    {
        var error = new SqliteException($"SQLite Error {code}: 'system text'.", code);

        Assert.Equal($"the SQLite database 'crm.db' cannot be used: {english}", Describe(CliLanguage.English, error));
        Assert.Equal($"无法使用 SQLite 数据库“crm.db”：{chinese}", Describe(CliLanguage.Chinese, error));
    }

    [Theory]
    [InlineData(778)] // SQLITE_IOERR_WRITE
    [InlineData(1034)] // SQLITE_IOERR_FSYNC
    [InlineData(1290)] // SQLITE_IOERR_DIR_FSYNC
    [InlineData(1546)] // SQLITE_IOERR_TRUNCATE
    [InlineData(4874)] // SQLITE_IOERR_SHMSIZE: a WAL database's shared-memory file that cannot grow on a full disk
    public void SqliteFailure_AFailedDiskWrite_IsWordedInTheUsersLanguage_WithoutSqlitesText(int extendedCode)
    {
        var error = new SqliteException("SQLite Error 10: 'disk I/O error'.", 10, extendedCode);

        Assert.Equal("the SQLite database 'crm.db' cannot be used: writing to the disk failed; the disk may be full", Describe(CliLanguage.English, error));
        Assert.Equal("无法使用 SQLite 数据库“crm.db”：写入磁盘失败；磁盘可能已满", Describe(CliLanguage.Chinese, error));
    }

    [Fact]
    public void SqliteFailure_AnUnknownCause_SaysSqlitesCode_AndItsTextOnlyOnADetailLine()
    {
        var error = new SqliteException("SQLite Error 10: 'disk I/O error'.", 10);

        Assert.Equal(
            $"the SQLite database 'crm.db' cannot be used: SQLite reported error 10{Environment.NewLine}  detail: SQLite Error 10: 'disk I/O error'.",
            Describe(CliLanguage.English, error));
        Assert.Equal(
            $"无法使用 SQLite 数据库“crm.db”：SQLite 报告了错误 10{Environment.NewLine}  详情：SQLite Error 10: 'disk I/O error'.",
            Describe(CliLanguage.Chinese, error));
    }

    private static CrmRun Run(TempDirectory temp, params string[] args) => Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, args);

    private static string WriteReport(CliLanguage language, Exception error)
    {
        using var temp = new TempDirectory();
        var console = new TestConsole { WorkingDirectory = temp.FullName };
        var context = new CliContext(console, language);

        Assert.False(ImportCommand.WriteReport(context, "r.json", _ => throw error));
        return console.ErrorWriter.ToString();
    }

    private static string? Describe(CliLanguage language, Exception error)
    {
        var context = new CliContext(new TestConsole(), language) { Store = "sqlite:crm.db" };
        return StoreErrors.Describe(context, error);
    }
}
