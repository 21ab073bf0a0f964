using System.CommandLine;
using System.Text.RegularExpressions;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Docs;

/// <summary>
/// Wave 17 (rules17 item 3): the <c>crm rules ...</c> sections of docs/cli.md match the commands: every option a command takes is
/// documented in its section, every option the section names exists, the <c>rules test</c> columns are all there, and the doc says
/// where <c>rules validate</c> writes its diagnostics (CRM040 included).
/// </summary>
public sealed partial class RulesCliDocsTests
{
    private static readonly string CliDoc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "cli.md"));

    public static TheoryData<string> RulesCommands()
    {
        var data = new TheoryData<string>();
        foreach (var command in Rules().Subcommands)
        {
            data.Add(command.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RulesCommands))]
    public void CliDoc_RulesSection_DocumentsEveryOptionOfTheCommand(string name)
    {
        var section = Section(name);
        var command = Rules().Subcommands.Single(c => c.Name == name);

        foreach (var option in command.Options.Where(o => !o.Hidden))
        {
            Assert.True(
                Option().Matches(section).Any(m => m.Value == option.Name || option.Aliases.Contains(m.Value)),
                $"docs/cli.md's `crm rules {name}` section does not mention {option.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(RulesCommands))]
    public void CliDoc_RulesSection_NamesOnlyOptionsTheCommandTakes(string name)
    {
        var section = Section(name);
        var command = Rules().Subcommands.Single(c => c.Name == name);
        var known = command.Options.SelectMany(o => o.Aliases.Append(o.Name)).Append(GlobalOptions.LanguageName).ToHashSet(StringComparer.Ordinal);

        foreach (Match m in Option().Matches(section))
        {
            Assert.True(known.Contains(m.Value), $"docs/cli.md's `crm rules {name}` section names {m.Value}, which the command does not take");
        }
    }

    [Fact]
    public void CliDoc_RulesTest_NamesEveryColumnAndTheFailureLines()
    {
        var section = Section("test");
        var result = CrmCore.Cli.Commands.RulesTestCommand.Sections(
            new CrmCore.Cli.Rules.DryRunResult([], [], []),
            CrmCore.Cli.Localization.CliLanguage.English,
            CrmCore.Cli.Output.OutputFormat.Json);

        foreach (var column in result.SelectMany(s => s.Table.Columns))
        {
            Assert.Contains($"`{column.Key}`", section, StringComparison.Ordinal);
        }

        Assert.Contains("CLI201", section, StringComparison.Ordinal);
    }

    [Fact]
    public void CliDoc_RulesValidate_SaysDiagnosticsAndCrm040GoToStandardOutput()
    {
        var section = Section("validate");

        Assert.Contains("CRM040", section, StringComparison.Ordinal);
        Assert.Contains("standard output", section, StringComparison.Ordinal);
        var missing = Crm.Run("rules", "validate", "samples/data/rules/nope.json");
        Assert.Contains("error CRM040", missing.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("CRM040", missing.Error, StringComparison.Ordinal);
    }

    private static Command Rules() => CliApplication.BuildRoot(new TestConsole()).Subcommands.Single(c => c.Name == "rules");

    /// <summary>The section under the heading <c>## `crm rules name ...`</c>, up to the next heading of that level.</summary>
    private static string Section(string name)
    {
        var start = CliDoc.IndexOf($"\n## `crm rules {name} ", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/cli.md has no section for crm rules {name}");
        var end = CliDoc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return CliDoc[start..(end < 0 ? CliDoc.Length : end)];
    }

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex Option();
}
