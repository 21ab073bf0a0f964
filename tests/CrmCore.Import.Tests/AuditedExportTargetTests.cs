using System.Security.Cryptography;
using System.Text;
using CrmCore.Import.Export;

namespace CrmCore.Import.Tests;

/// <summary>
/// <see cref="AuditedExportFile"/> replaces only a regular file: a symbolic link stays a link and the file it names gets the content
/// (written aside and moved there), and a FIFO is written into, so its reader gets the whole file, and stays a FIFO.
/// </summary>
public sealed class AuditedExportTargetTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("crm-export-target-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    // Larger than a pipe's buffer (64 KiB), so a FIFO's reader must drain it while it is written.
    private static byte[] Content() => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{{\"row\": {i}}}\n")));

    private static async Task<string?> WriteAsync(string path, byte[] content)
    {
        string? recorded = null;
        var hash = await AuditedExportFile.WriteAsync(path, stream => stream.Write(content), (h, _) =>
        {
            recorded = h;
            return Task.CompletedTask;
        });
        Assert.Equal(hash, recorded);
        return recorded;
    }

    [UnixOnlyFact]
    public async Task WriteAsync_PathIsALinkToALink_TheLinksStay_AndTheFinalTargetHoldsTheFile()
    {
        Directory.CreateDirectory(PathOf("shared"));
        File.WriteAllText(PathOf("shared/report.json"), "the earlier report, longer than nothing");
        File.CreateSymbolicLink(PathOf("link.json"), "shared/report.json");
        File.CreateSymbolicLink(PathOf("link2.json"), "link.json");
        var content = Content();

        var hash = await WriteAsync(PathOf("link2.json"), content);

        Assert.Equal("link.json", new FileInfo(PathOf("link2.json")).LinkTarget);
        Assert.Equal("shared/report.json", new FileInfo(PathOf("link.json")).LinkTarget);
        Assert.Equal(content, File.ReadAllBytes(PathOf("shared/report.json")));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), hash);
        Assert.Equal(["link.json", "link2.json", "shared"], Directory.GetFileSystemEntries(_folder.FullName).Select(Path.GetFileName).Order());
        Assert.Equal(["report.json"], Directory.GetFileSystemEntries(PathOf("shared")).Select(Path.GetFileName));
    }

    [UnixOnlyFact]
    public async Task WriteAsync_PathIsALinkToNothingYet_TheLinkStays_AndItsTargetIsCreated()
    {
        Directory.CreateDirectory(PathOf("shared"));
        File.CreateSymbolicLink(PathOf("link.json"), "shared/report.json");
        var content = Content();

        await WriteAsync(PathOf("link.json"), content);

        Assert.Equal("shared/report.json", new FileInfo(PathOf("link.json")).LinkTarget);
        Assert.Equal(content, File.ReadAllBytes(PathOf("shared/report.json")));
    }

    [LinuxFact]
    public async Task WriteAsync_PathIsAFifo_TheReaderGetsTheWholeFile_AndItStaysAFifo()
    {
        var fifo = PathOf("report.fifo");
        MakeFifo(fifo);
        var content = Content();
        var reader = Task.Run(() => File.ReadAllBytes(fifo));

        var hash = await WriteAsync(fifo, content);
        var read = await reader.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(content, read);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), hash);
        Assert.Equal(FileKind.Kind.Special, FileKind.Of(fifo));
        Assert.Equal(["report.fifo"], Directory.GetFileSystemEntries(_folder.FullName).Select(Path.GetFileName));
    }

    [LinuxFact]
    public void FileKind_TellsARegularFileAFolderAFifoAndNothingApart_ThroughLinks()
    {
        File.WriteAllText(PathOf("file"), "x");
        MakeFifo(PathOf("fifo"));
        File.CreateSymbolicLink(PathOf("to-fifo"), "fifo");
        File.CreateSymbolicLink(PathOf("to-nothing"), "missing");

        Assert.Equal(FileKind.Kind.Regular, FileKind.Of(PathOf("file")));
        Assert.Equal(FileKind.Kind.Directory, FileKind.Of(_folder.FullName));
        Assert.Equal(FileKind.Kind.Special, FileKind.Of(PathOf("fifo")));
        Assert.Equal(FileKind.Kind.Special, FileKind.Of(PathOf("to-fifo")));
        Assert.Equal(FileKind.Kind.Missing, FileKind.Of(PathOf("to-nothing")));
        Assert.Equal(FileKind.Kind.Missing, FileKind.Of(PathOf("file/below-a-file")));
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>A fact that needs Unix symbolic links (which Windows grants only to some users): skipped on Windows.</summary>
    internal sealed class UnixOnlyFactAttribute : FactAttribute
    {
        public UnixOnlyFactAttribute()
        {
            if (OperatingSystem.IsWindows())
            {
                Skip = "Needs Unix symbolic links.";
            }
        }
    }
}
