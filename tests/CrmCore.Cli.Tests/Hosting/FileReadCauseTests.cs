using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Hosting;

/// <summary>
/// A file <c>crm</c> cannot read (<see cref="CrmCore.Cli.Hosting.CliContext.ReadText"/>, here a calendar) is refused with the cause in the
/// user's language, never .NET's English text: permission denied, a folder, not found (a link to nothing), or the system's error code.
/// </summary>
public sealed class FileReadCauseTests
{
    private const string DeniedEn = "cannot be read: permission denied; ask for read access, or copy the file to a place you can read";
    private const string DeniedZh = "：没有读取权限；请申请读取权限，或把文件复制到可以读取的位置";

    [ModeNoneFact]
    public void ReadText_ModeNoneFile_SaysPermissionDeniedInTheUsersLanguage()
    {
        using var temp = new TempDirectory();
        var file = UnreadableFiles.ModeNone(temp.File("cal.json"));

        AssertCause(file, "en", $"error: file '{file}' {DeniedEn}");
        AssertCause(file, "zh-Hans", $"错误: 无法读取文件“{file}”{DeniedZh}");
    }

    [WriteOnlySysfsFact]
    public void ReadText_WriteOnlyFile_SaysPermissionDeniedInTheUsersLanguage_EvenToRoot()
    {
        var file = UnreadableFiles.WriteOnlySysfsFile!;

        AssertCause(file, "en", $"error: file '{file}' {DeniedEn}");
        AssertCause(file, "zh-Hans", $"错误: 无法读取文件“{file}”{DeniedZh}");
    }

    [Fact]
    public void ReadText_AFolder_SaysItIsAFolderNotThatItIsMissing()
    {
        using var temp = new TempDirectory();
        var folder = temp.File("cal.json");
        Directory.CreateDirectory(folder);

        AssertCause(folder, "en", $"error: file '{folder}' cannot be read: it is a folder, not a file");
        AssertCause(folder, "zh-Hans", $"错误: 无法读取文件“{folder}”：这是一个文件夹，不是文件");
    }

    [UnixFact]
    public void ReadText_ALinkToItself_SaysTheSystemsErrorCode()
    {
        using var temp = new TempDirectory();
        var loop = temp.File("cal.json");
        File.CreateSymbolicLink(loop, loop);

        // ELOOP: 40 on Linux, 62 on macOS.
        var code = OperatingSystem.IsMacOS() ? 62 : 40;
        AssertCause(loop, "en", $"error: file '{loop}' cannot be read: the system reported error {code} while reading it; try again, or copy the file first");
        AssertCause(loop, "zh-Hans", $"错误: 无法读取文件“{loop}”：读取时系统报告了错误 {code}；请重试，或先复制该文件");
    }

    [UnixFact]
    public void ReadText_ALinkToNothing_SaysNotFound()
    {
        using var temp = new TempDirectory();
        var link = temp.File("cal.json");
        File.CreateSymbolicLink(link, temp.File("gone.json"));

        AssertCause(link, "en", $"error: file '{link}' was not found");
        AssertCause(link, "zh-Hans", $"错误: 找不到文件“{link}”");
    }

    private static void AssertCause(string file, string lang, string expected)
    {
        var run = Crm.Run("calendar", "between", file, "--from", "2026-03-02T09:00", "--to", "2026-03-02T10:00", "--lang", lang);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(expected, run.Error.TrimEnd());
        Assert.DoesNotContain("Access to the path", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
