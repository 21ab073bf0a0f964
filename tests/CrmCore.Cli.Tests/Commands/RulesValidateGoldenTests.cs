using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// Golden-output tests of <c>crm rules validate</c> on malformed rule files, including files of the RulesEngine corpus.
/// Set CRM_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, then review the diff.
/// </summary>
public sealed class RulesValidateGoldenTests
{
    private static readonly string ProjectDir = Path.Combine(RepoPaths.Root, "tests", "CrmCore.Cli.Tests");

    public static TheoryData<string> GoldenFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(ProjectDir, "Golden"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Validate_MatchesGoldenOutput(string file)
    {
        var run = Run("rules", "validate", "Golden/" + file);
        Check(Path.ChangeExtension(file, ".expected.txt"), run.Out);
        var expectedExit = file.StartsWith("warnings-only", StringComparison.Ordinal) ? 0 : 1;
        Assert.True(run.ExitCode == expectedExit, run.ToString());
    }

    [Fact]
    public void Validate_ChineseMessages_MatchGoldenOutput()
    {
        var run = Run("rules", "validate", "Golden/bad-expression.json", "Golden/warnings-only.json", "--lang", "zh-Hans");
        Check("bad-expression.zh-Hans.expected.txt", run.Out);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Validate_Json_MatchesGoldenOutput()
    {
        var run = Run("rules", "validate", "Golden/corpus-rules4.json", "--format", "json");
        Check("corpus-rules4.expected.json.txt", run.Out);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Validate_WarningsWithWarnAsError_ExitsOne()
    {
        var run = Run("rules", "validate", "Golden/warnings-only.json", "--warnaserror");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("warning CRM004", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SampleRuleSets_AreClean()
    {
        var run = Crm.Run("rules", "validate", "samples/data/rules/crm-rules.json", "samples/data/rules/crm-rules-v2.json", "--warnaserror");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("2 file(s): 0 error(s), 0 warning(s)", run.Out.Trim());
    }

    [Fact]
    public void Validate_MissingFile_ExitsOne()
    {
        var run = Crm.Run("rules", "validate", "samples/data/rules/nope.json");
        Assert.Equal(1, run.ExitCode);
        // A missing file is one more diagnostic (CRM040), printed and counted with the others.
        Assert.Contains("samples/data/rules/nope.json: error CRM040: file 'samples/data/rules/nope.json' was not found", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 file(s): 1 error(s)", run.Out, StringComparison.Ordinal);
    }

    private static CrmRun Run(params string[] args) => Crm.Run(new TestConsole { WorkingDirectory = ProjectDir }, args);

    private static void Check(string expectedFile, string actual)
    {
        var path = Path.Combine(ProjectDir, "Golden", expectedFile);
        if (Environment.GetEnvironmentVariable("CRM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"Golden file {expectedFile} is missing; run with CRM_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }
}
