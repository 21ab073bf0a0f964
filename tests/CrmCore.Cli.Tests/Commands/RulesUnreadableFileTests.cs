using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// <c>crm rules</c> on a rule file it cannot read: <c>validate</c> reports it as CRM040, counted with the other files' problems, and the
/// commands that run rules (<c>rules test</c>) stop with one error; both say why in the user's language (permission denied), not .NET's text.
/// </summary>
public sealed class RulesUnreadableFileTests
{
    [ModeNoneFact]
    public void Validate_ModeNoneFile_Crm040PermissionDenied_OtherFilesStillChecked() =>
        AssertValidateDenied(UnreadableFiles.ModeNone(Path.Combine(Path.GetTempPath(), $"crm-denied-{Guid.NewGuid():N}.json")), cleanUp: true);

    [WriteOnlySysfsFact]
    public void Validate_WriteOnlyFile_Crm040PermissionDenied_EvenToRoot() =>
        AssertValidateDenied(UnreadableFiles.WriteOnlySysfsFile!, cleanUp: false);

    [WriteOnlySysfsFact]
    public void Test_WriteOnlyFile_StopsWithPermissionDenied()
    {
        var file = UnreadableFiles.WriteOnlySysfsFile!;

        var en = Crm.Run("rules", "test", file, "--customers", RepoPaths.Sample("customers.csv"));
        var zh = Crm.Run("rules", "test", file, "--customers", RepoPaths.Sample("customers.csv"), "--lang", "zh-Hans");

        Assert.True(en.ExitCode == 1, en.ToString());
        Assert.Contains($"error: file '{file}' cannot be read: permission denied", en.Error, StringComparison.Ordinal);
        Assert.True(zh.ExitCode == 1, zh.ToString());
        Assert.Contains($"无法读取文件“{file}”：没有读取权限", zh.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Access to the path", en.Error + zh.Error, StringComparison.Ordinal);
    }

    [UnixFact]
    public void Validate_ALinkToItself_Crm040WithTheSystemsErrorCode()
    {
        using var temp = new TempDirectory();
        var loop = temp.File("loop.json");
        File.CreateSymbolicLink(loop, loop);

        var run = Crm.Run("rules", "validate", loop);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{loop}: error CRM040: file '{loop}' cannot be read: the system reported error {(OperatingSystem.IsMacOS() ? 62 : 40)} while reading it", run.Out, StringComparison.Ordinal);
    }

    private static void AssertValidateDenied(string denied, bool cleanUp)
    {
        try
        {
            var good = "samples/data/rules/crm-rules.json";

            var en = Crm.Run("rules", "validate", denied, good);
            var zh = Crm.Run("rules", "validate", denied, good, "--lang", "zh-Hans");

            Assert.Equal(1, en.ExitCode);
            Assert.Contains($"{denied}: error CRM040: file '{denied}' cannot be read: permission denied; ask for read access, or copy the file to a place you can read", en.Out, StringComparison.Ordinal);
            Assert.Contains("0 warning(s)", en.Out, StringComparison.Ordinal);
            Assert.Matches(@"2 file\(s\): 1 error\(s\)", en.Out);
            Assert.Equal(1, zh.ExitCode);
            Assert.Contains($"{denied}: 错误 CRM040:", zh.Out, StringComparison.Ordinal);
            Assert.Contains("没有读取权限；请申请读取权限，或把文件复制到可以读取的位置", zh.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("Access to the path", en.Out + en.Error + zh.Out + zh.Error, StringComparison.Ordinal);
        }
        finally
        {
            if (cleanUp)
            {
                File.Delete(denied);
            }
        }
    }
}
