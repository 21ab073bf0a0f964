using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// A report path that is a symbolic link or a FIFO is written through, never replaced: the link stays a link and its target holds the
/// report; a FIFO's reader gets the whole report (the output check does not open the FIFO first) and the FIFO stays.
/// </summary>
public sealed class ReportLinkAndFifoTests
{
    private const string Customers = "客户名称,联系人,手机\n上海甲公司,张三,13800138000\n北京乙公司,李四,13900139000\n";

    /// <summary>How long each end of the FIFO test may take, in milliseconds; the attribute's timeout is a backstop at twice this.</summary>
    private const int FifoBoundMs = 30_000;

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

    [LinuxFifoFact(Timeout = 2 * FifoBoundMs)]
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

        // Both ends block in open() until the other end opens: the reader if crm never opens the FIFO, crm if it opens it again after
        // the reader is gone. Each runs on its own task and is awaited for a bounded time, so a broken writer fails this test instead
        // of hanging the whole test run.
        var reader = Task.Run(() => File.ReadAllText(fifo));
        var writer = Task.Run(() => Run(temp, "import", "customers", "c1.csv", "--store", "memory", "--report-json", "report.fifo"));
        var (run, text) = await BoundedAsync(fifo, writer, reader);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var report = System.Text.Json.JsonDocument.Parse(text);
        Assert.Equal(2, report.RootElement.GetProperty("totals").GetProperty("inserted").GetInt32());
        Assert.Equal(0, new FileInfo(fifo).Length);
        Assert.Equal(["c1.csv", "report.fifo"], Directory.GetFileSystemEntries(temp.FullName).Select(Path.GetFileName).Order());
    }

    /// <summary>
    /// Awaits crm and the FIFO's reader for <see cref="FifoBoundMs"/> at most. On time-out the FIFO is opened for reading and writing,
    /// which never blocks on Linux and releases whichever end is still waiting in open(), so no thread is left blocked after the test;
    /// then the test fails, saying which end did not finish.
    /// </summary>
    private static async Task<(CrmRun Run, string Text)> BoundedAsync(string fifo, Task<CrmRun> writer, Task<string> reader)
    {
        var both = Task.WhenAll(writer, reader);
        if (await Task.WhenAny(both, Task.Delay(FifoBoundMs)) != both)
        {
            var stuck = $"crm {(writer.IsCompleted ? "finished" : "did not finish")}, the reader {(reader.IsCompleted ? "finished" : "did not finish")}";
            using (new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite))
            {
            }

            await Task.WhenAny(both, Task.Delay(5_000));
            Assert.Fail($"The FIFO report was not exchanged within {FifoBoundMs / 1000} s: {stuck}.");
        }

        return (await writer, await reader);
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
