using System.CommandLine;
using System.Text.RegularExpressions;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Docs;

/// <summary>
/// docs/cli.md documents every command and option the CLI has: the test walks the System.CommandLine tree that
/// <see cref="CliApplication.BuildRoot"/> builds, and each command that runs (has an action) must have a heading
/// <c>## `crm path ...`</c> or <c>### `crm path ...`</c> (alternatives written <c>a|b</c>, as in <c>crm audit verify|list</c>), and
/// each of its options, its own and those it inherits (Recursive, such as the root's <c>--lang</c>), must be named in that section, or,
/// for an option several commands share, in the Conventions table (<c>| `--name ...` |</c> under <c>## Conventions</c>). A command or option added without its documentation fails here, by name.
/// </summary>
public sealed partial class CliDocCoverageTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "cli.md"));

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var path in CommandPaths())
        {
            data.Add(path);
        }

        return data;
    }

    [Fact]
    public void TheTree_HasTheCommandsThisTestIsAbout()
    {
        // The walk itself must find the commands, or the theories below would pass on nothing.
        var paths = CommandPaths();

        Assert.Contains("crm import prune", paths);
        Assert.Contains("crm report", paths);
        Assert.Contains("crm audit list", paths);
        Assert.True(paths.Count > 20, string.Join(", ", paths));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void CliDoc_HasASectionForTheCommand(string path)
    {
        Assert.True(Section(Lines, path) is not null, $"docs/cli.md has no heading '## `{path} ...`' (nor '### `{path} ...`') for the command {path}");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void CliDoc_NamesEveryOptionOfTheCommand(string path)
    {
        var missing = MissingOptions(Lines, path);

        Assert.True(missing.Count == 0, $"docs/cli.md's section for {path} does not name {string.Join(", ", missing)} (nor does its Conventions table)");
    }

    [Fact]
    public void TheCheck_SeesAnOptionEveryCommandInherits_AndReadsOnlyTheConventionsTable()
    {
        // --lang is given once, on the root, to every command (Recursive): a doc without it, or with its row moved out of the
        // Conventions table to a table under another heading, must fail the check for a command that only inherits it.
        var withoutLang = Lines.Where(line => !line.Contains("--lang", StringComparison.Ordinal)).ToArray();
        Assert.Contains("--lang", MissingOptions(withoutLang, "crm report"));
        Assert.Contains("--lang", MissingOptions(withoutLang, "crm audit list"));

        var row = Lines.Single(line => line.StartsWith("| `--lang", StringComparison.Ordinal));
        var moved = withoutLang.Concat(["", "## Elsewhere", "", "| | |", "|---|---|", row]).ToArray();
        Assert.Contains("--lang", MissingOptions(moved, "crm report"));

        // And the doc as it is names it.
        Assert.DoesNotContain("--lang", MissingOptions(Lines, "crm report"));
    }

    /// <summary>The options of the command <paramref name="path"/>, its own and those it inherits (Recursive), that the doc
    /// <paramref name="lines"/> names neither in the command's section nor in its Conventions table.</summary>
    private static List<string> MissingOptions(string[] lines, string path)
    {
        var options = Walk(CliApplication.BuildRoot(new TestConsole()), "crm", []).Single(c => c.Path == path).Options;
        var section = Section(lines, path) ?? string.Empty;
        var named = OptionName().Matches(section).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var shared = Conventions(lines);
        return options
            .Where(o => !o.Hidden && o is not (System.CommandLine.Help.HelpOption or VersionOption))
            .Where(o => !o.Aliases.Append(o.Name).Any(n => named.Contains(n) || shared.Contains(n)))
            .Select(o => o.Name)
            .ToList();
    }

    [Fact]
    public void Section_ReadsAlternativesAndStopsAtTheNextHeading()
    {
        // The reading of headings the theories rely on: 'crm audit verify|list' is the section of both commands, and a section ends at the
        // next heading, so an option named in another command's section does not count for this one.
        Assert.NotNull(Section(Lines, "crm audit verify"));
        Assert.Equal(Section(Lines, "crm audit verify"), Section(Lines, "crm audit list"));
        Assert.DoesNotContain("## `crm db migrate", Section(Lines, "crm db status")!, StringComparison.Ordinal);
        Assert.Null(Section(Lines, "crm no-such-command"));
    }

    private static List<string> CommandPaths() => [.. Walk(CliApplication.BuildRoot(new TestConsole()), "crm", []).Select(c => c.Path)];

    /// <summary>Every command under <paramref name="command"/> that has an action, with its path from <c>crm</c> and its options: its own
    /// and those it inherits from the commands above it (<see cref="Option.Recursive"/>, such as the root's <c>--lang</c>).</summary>
    private static IEnumerable<(string Path, IReadOnlyList<Option> Options)> Walk(Command command, string path, IReadOnlyList<Option> inherited)
    {
        if (command.Action is not null && command is not RootCommand)
        {
            yield return (path, [.. command.Options, .. inherited.Except(command.Options)]);
        }

        IReadOnlyList<Option> passedOn = [.. inherited, .. command.Options.Where(o => o.Recursive)];
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            foreach (var found in Walk(sub, path + " " + sub.Name, passedOn))
            {
                yield return found;
            }
        }
    }

    /// <summary>The text of the section whose heading names the command <paramref name="path"/>, up to the next heading; null when none does.</summary>
    private static string? Section(string[] lines, string path)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            // A command that takes a word as its argument is headed with it: `crm schema rules|calendar|...` is the section of crm schema.
            if (Heading().Match(lines[i]) is { Success: true } heading
                && Paths(heading.Groups["words"].Value).Any(p => p == path || p.StartsWith(path + " ", StringComparison.Ordinal)))
            {
                var end = i + 1;
                while (end < lines.Length && !lines[end].StartsWith('#'))
                {
                    end++;
                }

                return string.Join('\n', lines[i..end]);
            }
        }

        return null;
    }

    /// <summary>The command paths a heading's words stand for: <c>crm audit verify|list</c> is <c>crm audit verify</c> and <c>crm audit list</c>.</summary>
    private static IEnumerable<string> Paths(string words)
    {
        IEnumerable<string> paths = [string.Empty];
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            paths = paths.SelectMany(p => word.Split('|').Select(w => p.Length == 0 ? w : p + " " + w)).ToList();
        }

        return paths;
    }

    /// <summary>The options the Conventions table documents once for every command that takes them (its rows start with them): the rows
    /// under <c>## Conventions</c>, up to the next <c>## </c> heading, and no other table's.</summary>
    private static HashSet<string> Conventions(string[] lines) =>
        lines.SkipWhile(line => line.Trim() != "## Conventions")
            .Skip(1)
            .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => ConventionRow().Match(line))
            .Where(row => row.Success)
            .SelectMany(row => OptionName().Matches(row.Groups["cell"].Value).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>A row of a table whose first cell (escaped pipes, <c>\|</c>, kept in it) starts with an option.</summary>
    [GeneratedRegex(@"^\|(?<cell> `--(?:\\\||[^|])*)\|")]
    private static partial Regex ConventionRow();

    /// <summary>A heading of a command's section: <c>## `crm</c> and the command words up to the first argument or option.</summary>
    [GeneratedRegex(@"^#{2,3} `(?<words>crm(?: [a-z][a-z0-9-]*(?:\|[a-z][a-z0-9-]*)*)+)")]
    private static partial Regex Heading();

    [GeneratedRegex(@"(?<![\w-])--?[a-zA-Z][a-zA-Z0-9-]*")]
    private static partial Regex OptionName();
}
