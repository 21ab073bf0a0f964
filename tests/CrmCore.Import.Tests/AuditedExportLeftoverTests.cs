using System.Diagnostics;
using System.Text;
using CrmCore.Import.Export;

namespace CrmCore.Import.Tests;

/// <summary>
/// row18 item 5: a run killed while writing a report or an export left its temporary file (<c>.X.&lt;id&gt;.partial</c>) beside the
/// target for ever. The temporary name carries the writing process's id; the next write of the same target removes the leftovers of
/// processes that are gone, and never a file a live writer may still be writing.
/// </summary>
public sealed class AuditedExportLeftoverTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("crm-export-leftover-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    private static Task<string> WriteAsync(string path, string text) =>
        AuditedExportFile.WriteAsync(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)), (_, _) => Task.CompletedTask);

    /// <summary>The id of a process that was started and killed (as `crm import` killed while writing its report).</summary>
    private static int KilledProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo(OperatingSystem.IsWindows() ? "ping" : "sleep", OperatingSystem.IsWindows() ? "-n 60 127.0.0.1" : "60")
        {
            RedirectStandardOutput = true,
        })!;
        var id = process.Id;
        process.Kill();
        process.WaitForExit();
        return id;
    }

    [Fact]
    public async Task WriteAsync_LeftoverOfAKilledWriter_IsRemoved_AndTheFileIsWritten()
    {
        var killed = KilledProcessId();
        var leftover = PathOf($".report.json.{AuditedExportFile.HostTag}-{killed}.{Guid.NewGuid():N}.partial");
        File.WriteAllText(leftover, "{\"rows\": [ half a report");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddMinutes(-5));

        await WriteAsync(PathOf("report.json"), "{\"rows\": []}");

        Assert.Equal("{\"rows\": []}", File.ReadAllText(PathOf("report.json")));
        Assert.Equal(["report.json"], Directory.GetFiles(_folder.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteAsync_TemporaryOfALiveWriterOrOfAnotherTarget_IsLeftAlone()
    {
        var live = PathOf($".report.json.{AuditedExportFile.HostTag}-{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
        var other = PathOf($".other.json.{AuditedExportFile.HostTag}-{KilledProcessId()}.{Guid.NewGuid():N}.partial");
        var noId = PathOf($".report.json.{Guid.NewGuid():N}.partial");
        File.WriteAllText(live, "being written");
        File.WriteAllText(other, "another target's");
        File.WriteAllText(noId, "an older version's, whose writer cannot be told");

        await WriteAsync(PathOf("report.json"), "done");

        Assert.True(File.Exists(live));
        Assert.True(File.Exists(other));
        Assert.True(File.Exists(noId));
        Assert.Equal("done", File.ReadAllText(PathOf("report.json")));
    }

    [Fact]
    public async Task WriteAsync_TheTemporaryNameCarriesThisProcessId()
    {
        string? seen = null;
        await AuditedExportFile.WriteAsync(PathOf("out.xlsx"), stream =>
        {
            stream.WriteByte(1);
            seen = Directory.GetFiles(_folder.FullName).Select(Path.GetFileName).Single();
        }, (_, _) => Task.CompletedTask);

        Assert.Matches($"^\\.out\\.xlsx\\.{AuditedExportFile.HostTag}-{Environment.ProcessId}\\.[0-9a-f]{{32}}\\.partial$", seen);
    }

    // review18 item 2: a writer in another container or on another machine sharing the folder has a process id that means nothing here.
    [Fact]
    public async Task WriteAsync_TemporaryOfAnotherMachine_OrHeldOpenByItsWriter_IsLeftAlone()
    {
        var killed = KilledProcessId();
        var otherMachine = PathOf($".report.json.{(AuditedExportFile.HostTag == "00000000" ? "11111111" : "00000000")}-{killed}.{Guid.NewGuid():N}.partial");
        var held = PathOf($".report.json.{AuditedExportFile.HostTag}-{killed}.{Guid.NewGuid():N}.partial");
        File.WriteAllText(otherMachine, "another machine's writer");
        File.WriteAllText(held, "a writer in another process namespace");
        File.SetLastWriteTimeUtc(held, DateTime.UtcNow.AddMinutes(-5));

        using (new FileStream(held, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            await WriteAsync(PathOf("report.json"), "done");
        }

        Assert.True(File.Exists(otherMachine));
        Assert.True(File.Exists(held));
        Assert.Equal("done", File.ReadAllText(PathOf("report.json")));
    }
}
