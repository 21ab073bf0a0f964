using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Localization;

/// <summary>
/// Usage errors that System.CommandLine words itself read as plain Chinese (no doubled or ASCII stops, no quotes in quotes), and an
/// <c>--encoding</c> crm does not read is a usage error naming the encodings it reads, not a later "no header" (QA wave 15 round 2,
/// item 10).
/// </summary>
public sealed class UsageErrorPunctuationTests
{
    private static readonly string Sample = RepoPaths.Sample("import/legacy-crm.csv");

    [Theory]
    [InlineData("zh-Hans", new[] { "import", "bogus" }, new[] { "错误: 未提供必需的命令。\n", "错误: 未识别命令或参数“bogus”。\n" })]
    [InlineData("zh-Hans", new[] { "import" }, new[] { "错误: 未提供必需的命令。\n" })]
    [InlineData("en", new[] { "import", "bogus" }, new[] { "error: Required command was not provided.\n", "error: Unrecognized command or argument 'bogus'.\n" })]
    public void MissingOrUnknownCommand_ReadsPlainly(string lang, string[] args, string[] lines)
    {
        var run = Crm.Run([.. args, "--lang", lang]);

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = run.Error.Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var line in lines)
        {
            Assert.Contains(line, error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("。.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("“'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-Hans", "latin1", "错误: “latin1”不是可用的编码：请使用 utf-8、gb18030（也用于 gbk）、utf-16 或 utf-16be。")]
    [InlineData("en", "latin1", "error: 'latin1' is not an encoding crm reads: use utf-8, gb18030 (also for gbk), utf-16 or utf-16be.")]
    [InlineData("en", "shift_jis", "error: 'shift_jis' is not an encoding crm reads: use utf-8, gb18030 (also for gbk), utf-16 or utf-16be.")]
    [InlineData("en", "nonsense", "error: 'nonsense' is not an encoding crm reads: use utf-8, gb18030 (also for gbk), utf-16 or utf-16be.")]
    public void Import_EncodingOutsideTheList_IsAUsageErrorNamingTheAllowedOnes(string lang, string encoding, string message)
    {
        var run = Crm.Run("import", "customers", Sample, "--store", "memory", "--dry-run", "--encoding", encoding, "--lang", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("表头", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [InlineData("UTF-8")]
    [InlineData("gbk")]
    [InlineData("utf-16be")]
    public void Import_EncodingInTheList_IsTaken(string encoding)
    {
        var run = Crm.Run("import", "customers", Sample, "--store", "memory", "--dry-run", "--encoding", encoding, "--lang", "en");

        Assert.DoesNotContain("is not an encoding", run.Error, StringComparison.Ordinal);
        Assert.NotEqual(2, run.ExitCode);
    }
}
