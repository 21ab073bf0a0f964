using CrmCore.Cli.Hosting;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// An output is compared with the inputs and the other outputs by its real path, every symbolic link along it followed: a linked folder
/// higher up than the file's own, a link to a link, a relative link followed by <c>..</c>, and a path whose file does not exist yet
/// (its existing part resolved).
/// </summary>
public sealed class OutputPathLinkTests
{
    private const string Customers = "客户名称,联系人,手机\n上海甲公司,张三,13800138000\n北京乙公司,李四,13900139000\n";

    private static CrmRun Run(TempDirectory temp, params string[] args) => Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, args);

    /// <summary>d1/sub/a.csv, and lnk → d1 (the reviewer's layout).</summary>
    private static TempDirectory Layout()
    {
        var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("d1/sub"));
        temp.Write("d1/sub/a.csv", Customers);
        Directory.CreateSymbolicLink(temp.File("lnk"), temp.File("d1"));
        return temp;
    }

    [UnixFact]
    public void ImportCustomers_ReportThroughALinkedFolderHigherUp_RefusedAndTheInputKept()
    {
        using var temp = Layout();

        var run = Run(temp, "import", "customers", "d1/sub/a.csv", "--store", "memory", "--report-json", "lnk/sub/a.csv", "--dry-run");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--report-json 'lnk/sub/a.csv' is the same file as the input file", run.Error, StringComparison.Ordinal);
        Assert.Equal(Customers, File.ReadAllText(temp.File("d1/sub/a.csv")));
    }

    [UnixFact]
    public void ImportCustomers_InputThroughALinkedFolder_ReportByItsRealPath_RefusedInChinese()
    {
        using var temp = Layout();

        var run = Run(temp, "import", "customers", "lnk/sub/a.csv", "--store", "memory", "--report-xlsx", "d1/sub/a.csv", "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--report-xlsx“d1/sub/a.csv”与输入文件是同一个文件", run.Error, StringComparison.Ordinal);
        Assert.Equal(Customers, File.ReadAllText(temp.File("d1/sub/a.csv")));
    }

    [UnixFact]
    public void ImportCustomers_ReportThroughALinkToALink_AndARelativeLinkThenDotDot_Refused()
    {
        using var temp = Layout();
        Directory.CreateSymbolicLink(temp.File("lnk2"), "lnk");
        // rel → d1/sub written relatively; rel/.. is d1 (the system goes up from the target), not the temporary folder.
        Directory.CreateSymbolicLink(temp.File("rel"), "d1/sub");

        foreach (var report in new[] { "lnk2/sub/a.csv", "rel/../sub/a.csv", "./lnk2/./sub//a.csv" })
        {
            var run = Run(temp, "import", "customers", "d1/sub/a.csv", "--store", "memory", "--report-json", report, "--dry-run");

            Assert.True(run.ExitCode == 2, report + ": " + run);
            Assert.Contains($"--report-json '{report}' is the same file as the input file", run.Error, StringComparison.Ordinal);
        }

        Assert.Equal(Customers, File.ReadAllText(temp.File("d1/sub/a.csv")));
    }

    [UnixFact]
    public void ImportCustomers_TwoReportsNotYetWritten_OneThroughALinkedFolder_Refused()
    {
        using var temp = Layout();

        var run = Run(temp, "import", "customers", "d1/sub/a.csv", "--store", "memory", "--report-json", "d1/sub/r.out", "--report-xlsx", "lnk/sub/r.out");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--report-xlsx 'lnk/sub/r.out' is the same file as --report-json", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("d1/sub/r.out")));
    }

    [UnixFact]
    public void ImportCustomers_ReportBesideTheInputThroughALink_IsWritten()
    {
        using var temp = Layout();

        var run = Run(temp, "import", "customers", "d1/sub/a.csv", "--store", "memory", "--report-json", "lnk/sub/r.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(temp.File("d1/sub/r.json")));
        Assert.Equal(Customers, File.ReadAllText(temp.File("d1/sub/a.csv")));
    }

    [UnixFact]
    public void Tag_OutIsItsCustomersFileWithARejectedRowThroughALinkedFolder_RefusedAndTheFileKept()
    {
        using var temp = Layout();
        File.Copy(Path.Combine(RepoPaths.Root, "samples", "data", "rules", "crm-rules.json"), temp.File("rules.json"));
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "samples", "data", "customers.csv"));
        // The first customer again: a duplicate id, a rejected row that writing in place would drop.
        var customers = string.Join('\n', [.. lines, lines[1]]) + "\n";
        temp.Write("d1/sub/customers.csv", customers);

        var run = Run(temp, "tag", "rules.json", "--customers", "d1/sub/customers.csv", "--out", "lnk/sub/customers.csv", "--now", "2026-03-01T00:00:00Z");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("--out is the input file lnk/sub/customers.csv, which has rejected rows", run.Error, StringComparison.Ordinal);
        Assert.Equal(customers, File.ReadAllText(temp.File("d1/sub/customers.csv")));
    }

    [UnixFact]
    public void RealPath_FollowsEveryLinkAlongThePath_AndKeepsAMissingTail()
    {
        using var temp = Layout();
        var real = Path.GetFullPath(temp.File("d1/sub/a.csv"));
        var realFolder = OutputPaths.RealPath(temp.FullName);

        Assert.Equal(Path.Combine(realFolder, "d1", "sub", "a.csv"), OutputPaths.RealPath(temp.File("lnk/sub/a.csv")));
        Assert.Equal(OutputPaths.RealPath(real), OutputPaths.RealPath(temp.File("lnk/sub/a.csv")));
        Assert.Equal(Path.Combine(realFolder, "d1", "sub", "new", "x.json"), OutputPaths.RealPath(temp.File("lnk/sub/new/x.json")));
    }

    [UnixFact]
    public void RealPath_ALoopOfLinks_EndsWithThePathAsWritten()
    {
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.File("a"), "b");
        File.CreateSymbolicLink(temp.File("b"), "a");

        Assert.Equal(temp.File("a/x.json"), OutputPaths.RealPath(temp.File("a/x.json")));
    }
}
