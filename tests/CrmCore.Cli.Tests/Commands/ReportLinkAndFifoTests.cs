using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// A report path that is a symbolic link or a FIFO is written through, never replaced: the link stays a link and its target holds the
/// report; a FIFO's reader gets the whole report (the output check does not open the FIFO first) and the FIFO stays.
/// </summary>
public sealed class ReportLinkAndFifoTests
{
    private const string Customers = "客户名称,联系人,手机\n上海甲公司,张三,13800138000\n北京乙公司,李四,13900139000\n";

    private static CrmRun Run(TempDirectory temp, params string[] args) => Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, args);

    [UnixFact]
    public void ImportCustomers_ReportJsonIsALink_TheLinkStaysAndItsTargetHoldsTheReport()
    {
        using var temp = new TempDirectory();
        temp.Write("c1.csv", Customers);
        Directory.CreateDirectory(temp.File("shared"));
        temp.Write("shared/report.json", "old");
        File.CreateSymbolicLink(temp.File("link.json"), "shared/report.json");

        var run = Run(temp, "import", "customers", "c1.csv", "--store", "memory", "--report-json", "link.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("shared/report.json", new FileInfo(temp.File("link.json")).LinkTarget);
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(temp.File("shared/report.json")));
        Assert.Equal(2, report.RootElement.GetProperty("totals").GetProperty("inserted").GetInt32());
        Assert.Equal(["report.json"], Directory.GetFileSystemEntries(temp.File("shared")).Select(Path.GetFileName));
    }

    [LinuxFifoFact]
    public async Task ImportCustomers_ReportJsonIsAFifo_TheReaderGetsTheWholeReportAndTheFifoStays()
    {
        using var temp = new TempDirectory();
        temp.Write("c1.csv", Customers);
        var fifo = temp.File("report.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var reader = Task.Run(() => File.ReadAllText(fifo));

        var run = Run(temp, "import", "customers", "c1.csv", "--store", "memory", "--report-json", "report.fifo");
        var text = await reader.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var report = System.Text.Json.JsonDocument.Parse(text);
        Assert.Equal(2, report.RootElement.GetProperty("totals").GetProperty("inserted").GetInt32());
        Assert.Equal(0, new FileInfo(fifo).Length);
        Assert.Equal(["c1.csv", "report.fifo"], Directory.GetFileSystemEntries(temp.FullName).Select(Path.GetFileName).Order());
    }

    /// <summary>A FIFO fact: the file type is read on Linux only (statx), so skipped elsewhere.</summary>
    internal sealed class LinuxFifoFactAttribute : FactAttribute
    {
        public LinuxFifoFactAttribute()
        {
            if (!OperatingSystem.IsLinux())
            {
                Skip = "Needs Linux: a FIFO is told from a regular file there only.";
            }
        }
    }
}
