using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>The outputs of <c>crm report</c> and <c>crm tag</c> never replace a file the command reads.</summary>
public sealed class OutputClashTests
{
    private static CrmRun Run(TempDirectory temp, params string[] args) => Crm.Run(new TestConsole { WorkingDirectory = temp.FullName }, args);

    private static TempDirectory WithSamples()
    {
        var temp = new TempDirectory();
        foreach (var name in new[] { "tickets.csv", "surveys.csv", "customers.csv" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, "samples", "data", name), temp.File(name));
        }

        File.Copy(Path.Combine(RepoPaths.Root, "samples", "data", "rules", "crm-rules.json"), temp.File("rules.json"));
        return temp;
    }

    [Theory]
    [InlineData("--html", "tickets.csv", "en", "--html 'tickets.csv' is the same file as --tickets; choose another path (nothing was read or written)")]
    [InlineData("--xlsx", "./customers.csv", "zh-Hans", "--xlsx“./customers.csv”与--customers是同一个文件；请换一个路径（未读取或写入任何内容）")]
    [InlineData("--html", "rules.json", "en", "--html 'rules.json' is the same file as --rules")]
    public void Report_OutputIsAnInput_RefusedAndTheInputKept(string option, string path, string lang, string message)
    {
        using var temp = WithSamples();
        var target = temp.File(Path.GetFileName(path));
        var before = File.ReadAllBytes(target);

        var run = Run(temp, "report", "--tickets", "tickets.csv", "--surveys", "surveys.csv", "--customers", "customers.csv", "--rules", "rules.json", "--month", "2026-02", option, path, "--lang", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(target));
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void Report_HtmlAndXlsxOnOnePath_Refused()
    {
        using var temp = WithSamples();

        var run = Run(temp, "report", "--tickets", "tickets.csv", "--month", "2026-02", "--html", "out", "--xlsx", "out");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--xlsx 'out' is the same file as --html", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("out")));
    }

    [Fact]
    public void Report_HtmlInANewFolder_StillWritten()
    {
        using var temp = WithSamples();

        var run = Run(temp, "report", "--tickets", "tickets.csv", "--month", "2026-02", "--html", "new/report.html");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(temp.File("new/report.html")));
    }

    [Theory]
    [InlineData("en", "--out 'rules.json' is the same file as the rule file")]
    [InlineData("zh-Hans", "--out“rules.json”与规则文件是同一个文件")]
    public void Tag_OutIsTheRuleFile_RefusedAndTheRulesKept(string lang, string message)
    {
        using var temp = WithSamples();
        var before = File.ReadAllBytes(temp.File("rules.json"));

        var run = Run(temp, "tag", "rules.json", "--customers", "customers.csv", "--out", "rules.json", "--now", "2026-03-01T00:00:00Z", "--lang", lang);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(temp.File("rules.json")));
    }

    [Theory]
    [InlineData("en", "error: a file could not be read or written: ")]
    [InlineData("zh-Hans", "错误: 无法读取或写入文件：")]
    public void Report_HtmlUnderAFile_FileErrorNotInternal(string lang, string message)
    {
        using var temp = WithSamples();

        var run = Run(temp, "report", "--tickets", "tickets.csv", "--month", "2026-02", "--html", "surveys.csv/report.html", "--lang", lang);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains("surveys.csv", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("内部错误", run.Error, StringComparison.Ordinal);
    }
}
