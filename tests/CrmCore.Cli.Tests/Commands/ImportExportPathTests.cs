using CrmCore.Cli.Commands;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// The paths of <c>crm import</c> and <c>crm export</c>: an output never replaces an input or another output, an output that cannot be
/// written is refused before anything is read or stored, a store that cannot be used is said plainly, and commands that only read never
/// create a SQLite database.
/// </summary>
public sealed class ImportExportPathTests
{
    private const string Customers = "客户名称,联系人,手机\n上海甲公司,张三,13800138000\n北京乙公司,李四,13900139000\n";

    private static CrmRun Run(TempDirectory temp, params string[] args) => Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, args);

    [Theory]
    [InlineData("en", "--report-json 'same.csv' is the same file as the input file; choose another path (nothing was read or written)")]
    [InlineData("zh-Hans", "--report-json“same.csv”与输入文件是同一个文件；请换一个路径（未读取或写入任何内容）")]
    public void ImportCustomers_ReportJsonIsTheInputFile_RefusedAndTheFileKept(string lang, string message)
    {
        using var temp = new TempDirectory();
        temp.Write("same.csv", Customers);

        var run = Run(temp, "import", "customers", "same.csv", "--store", "sqlite:crm.db", "--report-json", "same.csv", "--lang", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal(Customers, File.ReadAllText(temp.File("same.csv")));
        Assert.False(File.Exists(temp.File("crm.db")));
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void ImportCustomers_ReportXlsxIsTheInputWorkbookByAnotherSpelling_RefusedAndTheWorkbookKept()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("samex.xlsx"), [1, 2, 3]);

        var run = Run(temp, "import", "customers", temp.File("samex.xlsx"), "--store", "memory", "--report-xlsx", "./sub/../samex.xlsx");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--report-xlsx './sub/../samex.xlsx' is the same file as the input file", run.Error, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(temp.File("samex.xlsx")));
    }

    [UnixFact]
    public void ImportCustomers_ReportIsALinkToTheInput_Refused()
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);
        File.CreateSymbolicLink(temp.File("link.json"), temp.File("c.csv"));

        var run = Run(temp, "import", "customers", "c.csv", "--store", "memory", "--report-json", "link.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("is the same file as the input file", run.Error, StringComparison.Ordinal);
        Assert.Equal(Customers, File.ReadAllText(temp.File("c.csv")));
    }

    [Theory]
    [InlineData("--report-json", "map.json", "the mapping file (--map)")]
    [InlineData("--report-json", "crm.db", "the SQLite database (--store)")]
    [InlineData("--report-xlsx", "crm.db-wal", "the SQLite database (--store)")]
    public void ImportCustomers_ReportIsTheMappingFileOrTheDatabase_RefusedAndTheFileKept(string option, string path, string what)
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);
        temp.Write("map.json", "{ \"columns\": {} }");
        Assert.Equal(0, Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db").ExitCode);
        File.WriteAllText(temp.File("crm.db-wal"), string.Empty);
        var before = File.ReadAllBytes(temp.File(path));

        var run = Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db", "--map", "map.json", option, path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"{option} '{path}' is the same file as {what}", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(temp.File(path)));
    }

    [Theory]
    [InlineData("en", "--report-xlsx 'r.out' is the same file as --report-json")]
    [InlineData("zh-Hans", "--report-xlsx“r.out”与--report-json是同一个文件")]
    public void ImportTickets_TwoReportsOnOnePath_Refused(string lang, string message)
    {
        using var temp = new TempDirectory();

        var run = Run(temp, "import", "tickets", RepoPaths.Sample("import/服务质量问题跟踪表.csv"), "--store", "memory", "--report-json", "r.out", "--report-xlsx", "r.out", "--lang", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("r.out")));
    }

    [Theory]
    [InlineData("customers", "crm.db")]
    [InlineData("tickets", "crm.db-shm")]
    [InlineData("customers", "policy.json")]
    public void Export_OutIsTheDatabaseOrThePolicy_RefusedAndTheFileKept(string table, string path)
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);
        temp.Write("policy.json", """{ "name": "mine", "roles": { "viewer": { "scope": "all", "fields": { "*": "read" } } } }""");
        Assert.Equal(0, Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db").ExitCode);
        File.WriteAllText(temp.File("crm.db-shm"), "shm");
        var before = File.ReadAllBytes(temp.File(path));
        string[] policy = table == "customers" ? ["--policy", "policy.json"] : [];

        var run = Run(temp, ["export", table, "--store", "sqlite:crm.db", "--out", path, .. policy]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"--out '{path}' is the same file as", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(temp.File(path)));
    }

    [Theory]
    [InlineData("en", "error: --report-json '/nonexistent-crm-dir/r.json': the folder '/nonexistent-crm-dir' does not exist (nothing was read or written)")]
    [InlineData("zh-Hans", "错误: --report-json“/nonexistent-crm-dir/r.json”：文件夹“/nonexistent-crm-dir”不存在（未读取或写入任何内容）")]
    public void ImportCustomers_ReportFolderMissing_RefusedBeforeAnythingIsStored(string lang, string message)
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);

        var run = Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db", "--report-json", "/nonexistent-crm-dir/r.json", "--lang", lang);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message.Replace('/', Path.DirectorySeparatorChar), run.Error.Replace('/', Path.DirectorySeparatorChar), StringComparison.Ordinal);
        Assert.DoesNotContain("内部错误", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("crm.db")));
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void ImportCustomers_ReportIsAFolder_RefusedBeforeAnythingIsStored()
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);
        Directory.CreateDirectory(temp.File("reports"));

        var run = Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db", "--report-xlsx", "reports", "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("--report-xlsx“reports”是文件夹；请给出文件名", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("crm.db")));
    }

    [Theory]
    [InlineData("customers", "en", "error: --out '/nonexistent-crm-dir/x.xlsx': the folder '/nonexistent-crm-dir' does not exist")]
    [InlineData("customers", "zh-Hans", "错误: --out“/nonexistent-crm-dir/x.xlsx”：文件夹“/nonexistent-crm-dir”不存在")]
    [InlineData("assets", "en", "error: --out '/nonexistent-crm-dir/x.xlsx': the folder '/nonexistent-crm-dir' does not exist")]
    public void Export_OutFolderMissing_PlainErrorWithoutTheTemporaryName(string table, string lang, string message)
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);
        Assert.Equal(0, Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db").ExitCode);

        var run = Run(temp, "export", table, "--store", "sqlite:crm.db", "--out", "/nonexistent-crm-dir/x.xlsx", "--lang", lang);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message.Replace('/', Path.DirectorySeparatorChar), run.Error.Replace('/', Path.DirectorySeparatorChar), StringComparison.Ordinal);
        Assert.DoesNotContain("partial", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("内部错误", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportCustomers_OutIsAFolder_PlainError()
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);
        Assert.Equal(0, Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db").ExitCode);

        var run = Run(temp, "export", "customers", "--store", "sqlite:crm.db", "--out", temp.FullName, "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"--out“{temp.FullName}”是文件夹", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("内部错误", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "error: the SQLite database '/nonexistent-crm-dir/x.db' cannot be created: the folder '/nonexistent-crm-dir' does not exist")]
    [InlineData("zh-Hans", "错误: 无法创建 SQLite 数据库“/nonexistent-crm-dir/x.db”：文件夹“/nonexistent-crm-dir”不存在")]
    public void ImportCustomers_SqliteFolderMissing_PlainError(string lang, string message)
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);

        var run = Run(temp, "import", "customers", "c.csv", "--store", "sqlite:/nonexistent-crm-dir/x.db", "--lang", lang);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message.Replace('/', Path.DirectorySeparatorChar), run.Error.Replace('/', Path.DirectorySeparatorChar), StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite Error", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "error: 'c.csv' is not a SQLite database (was another file given to --store?); it was left as it was")]
    [InlineData("zh-Hans", "错误: “c.csv”不是 SQLite 数据库（是否把其他文件交给了 --store？）；该文件未被改动")]
    public void ImportCustomers_CsvGivenAsTheDatabase_PlainErrorAndTheFileKept(string lang, string message)
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);

        var run = Run(temp, "import", "customers", "c.csv", "--store", "sqlite:c.csv", "--lang", lang);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite Error", run.Error, StringComparison.Ordinal);
        Assert.Equal(Customers, File.ReadAllText(temp.File("c.csv")));
        Assert.False(File.Exists(temp.File("c.csv-wal")));
    }

    [Fact]
    public void ExportCustomers_SqliteDatabaseIsAFolder_PlainError()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("db"));

        var run = Run(temp, "export", "customers", "--store", "sqlite:db", "--out", "x.xlsx");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error: the SQLite database 'db' is a folder, not a file", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "error: cannot connect to the PostgreSQL store 'Host=127.0.0.1;Port=1;Username=crm;Password=***;Timeout=5': connection refused at 127.0.0.1:1")]
    [InlineData("zh-Hans", "错误: 无法连接 PostgreSQL 存储“Host=127.0.0.1;Port=1;Username=crm;Password=***;Timeout=5”：127.0.0.1:1 拒绝连接")]
    public void ImportCustomers_PostgreSqlUnreachable_PlainErrorWithoutThePassword(string lang, string message)
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);

        var run = Run(temp, "import", "customers", "c.csv", "--store", "postgresql:Host=127.0.0.1;Port=1;Username=crm;Password=s3cret;Timeout=5", "--lang", lang);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", run.Error + run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("内部错误", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customers", "en", "error: the SQLite database 'none.db' does not exist; this command only reads, so nothing was created (check the path)")]
    [InlineData("customers", "zh-Hans", "错误: SQLite 数据库“none.db”不存在；此命令只读取，因此没有创建任何文件（请检查路径）")]
    [InlineData("tickets", "en", "error: the SQLite database 'none.db' does not exist")]
    [InlineData("articles", "en", "error: the SQLite database 'none.db' does not exist")]
    public void Export_SqliteDatabaseMissing_RefusedAndNothingCreated(string table, string lang, string message)
    {
        using var temp = new TempDirectory();

        var run = Run(temp, "export", table, "--store", "sqlite:none.db", "--out", "none.xlsx", "--lang", lang);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
        Assert.Empty(Directory.GetFileSystemEntries(temp.FullName));
    }

    [Theory]
    [InlineData("customers")]
    [InlineData("tickets")]
    [InlineData("assets")]
    [InlineData("articles")]
    public void Import_DryRunIntoAMissingSqliteDatabase_RefusedAndNothingCreated(string table)
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);

        var run = Run(temp, "import", table, "c.csv", "--store", "sqlite:dry.db", "--dry-run");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error: the SQLite database 'dry.db' does not exist; this command only reads, so nothing was created", run.Error, StringComparison.Ordinal);
        Assert.Equal(["c.csv"], Directory.GetFileSystemEntries(temp.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public void Import_DryRunIntoAnExistingDatabase_StillRuns()
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);
        Assert.Equal(0, Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db").ExitCode);

        var run = Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db", "--dry-run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("inserted 0  updated 0  unchanged 2", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Exported 2 customer(s) to out.xlsx")]
    [InlineData("zh-Hans", "已导出 2 个客户到 out.xlsx")]
    public void ExportCustomers_SaysWhatItWrote_InTheLanguage(string lang, string line)
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);
        Assert.Equal(0, Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db").ExitCode);

        var run = Run(temp, "export", "customers", "--store", "sqlite:crm.db", "--out", "out.xlsx", "--lang", lang);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(line + Environment.NewLine, run.Out);
        Assert.True(File.Exists(temp.File("out.xlsx")));
    }

    [Fact]
    public void ExportTickets_SaysWhatItWrote_InChinese()
    {
        using var temp = new TempDirectory();
        temp.Write("c.csv", Customers);
        Assert.Equal(0, Run(temp, "import", "customers", "c.csv", "--store", "sqlite:crm.db").ExitCode);

        var run = Run(temp, "export", "tickets", "--store", "sqlite:crm.db", "--out", "t.xlsx", "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("已导出 0 个工单到 t.xlsx" + Environment.NewLine, run.Out);
    }

    [Theory]
    [InlineData(false, "error: the import above is done and kept, but the report 'gone/r.json' could not be written: the folder does not exist")]
    [InlineData(true, "错误: 上面的导入已完成并保存，但报告“gone/r.json”未能写入：文件夹不存在")]
    public void WriteReport_FailsAfterTheImport_SaysTheImportIsKept(bool chinese, string message)
    {
        using var temp = new TempDirectory();
        var console = new TestConsole { WorkingDirectory = temp.FullName };
        var context = new CrmCore.Cli.Hosting.CliContext(console, chinese ? CrmCore.Cli.Localization.CliLanguage.Chinese : CrmCore.Cli.Localization.CliLanguage.English);

        var written = ImportCommand.WriteReport(context, "gone/r.json", stream => stream.WriteByte(1));

        Assert.False(written);
        Assert.Equal(message + Environment.NewLine, console.ErrorWriter.ToString());
    }
    [Fact]
    public void WriteReport_FailsMidWrite_KeepsTheEarlierReportAndLeavesNoTemporaryFile()
    {
        using var temp = new TempDirectory();
        temp.Write("r.json", "{\"earlier\": true}");
        var console = new TestConsole { WorkingDirectory = temp.FullName };
        var context = new CrmCore.Cli.Hosting.CliContext(console, CrmCore.Cli.Localization.CliLanguage.English);
        var seenDuringWrite = string.Empty;

        var written = ImportCommand.WriteReport(context, "r.json", stream =>
        {
            stream.Write("{\"rows\": ["u8);
            stream.Flush();
            seenDuringWrite = File.ReadAllText(temp.File("r.json"));
            throw new IOException("No space left on device");
        });

        Assert.False(written);
        Assert.Equal("{\"earlier\": true}", seenDuringWrite);
        Assert.Equal("{\"earlier\": true}", File.ReadAllText(temp.File("r.json")));
        Assert.Equal(["r.json"], Directory.GetFileSystemEntries(temp.FullName).Select(Path.GetFileName));
        Assert.Contains("the report 'r.json' could not be written", console.ErrorWriter.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteReport_NoEarlierReport_FailsMidWriteLeavesNothingAtThePath()
    {
        using var temp = new TempDirectory();
        var console = new TestConsole { WorkingDirectory = temp.FullName };
        var context = new CrmCore.Cli.Hosting.CliContext(console, CrmCore.Cli.Localization.CliLanguage.English);

        var written = ImportCommand.WriteReport(context, "r.xlsx", stream =>
        {
            stream.Write(new byte[200_000]);
            stream.Flush();
            Assert.False(File.Exists(temp.File("r.xlsx")));
            throw new IOException("No space left on device");
        });

        Assert.False(written);
        Assert.Empty(Directory.GetFileSystemEntries(temp.FullName));
    }

    [Fact]
    public void WriteReport_Completes_ReplacesTheEarlierReportWhole()
    {
        using var temp = new TempDirectory();
        temp.Write("r.json", "earlier, longer than the new one");
        var console = new TestConsole { WorkingDirectory = temp.FullName };
        var context = new CrmCore.Cli.Hosting.CliContext(console, CrmCore.Cli.Localization.CliLanguage.English);

        var written = ImportCommand.WriteReport(context, "r.json", stream => stream.Write("new"u8));

        Assert.True(written);
        Assert.Equal("new", File.ReadAllText(temp.File("r.json")));
        Assert.Equal(["r.json"], Directory.GetFileSystemEntries(temp.FullName).Select(Path.GetFileName));
    }
}
