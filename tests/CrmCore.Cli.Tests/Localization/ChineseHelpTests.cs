using System.CommandLine;
using System.Text.RegularExpressions;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Localization;

/// <summary>
/// The zh-Hans help has Chinese placeholders: System.CommandLine's usage line (<c>[options]</c>, <c>[command]</c>), argument and option
/// placeholders (<c>&lt;FILE&gt;</c>, <c>&lt;store&gt;</c>); placeholders that are what the user types (value lists, date formats, N) stay;
/// the columns stay aligned for a terminal, where a Chinese character takes two columns. English help is unchanged.
/// </summary>
public sealed partial class ChineseHelpTests
{
    /// <summary>An English word in angle brackets that is not a list of values (<c>&lt;a|b&gt;</c>), or a usage token of System.CommandLine.</summary>
    [GeneratedRegex(@"<[A-Za-z][A-Za-z ,.\-]*>|\[options\]|\[command\]|<additional arguments>")]
    private static partial Regex EnglishPlaceholder();

    /// <summary>Placeholders that are what the user types: a count and the date formats.</summary>
    private static readonly string[] Typed = ["<N>", "<n>", "<yyyy-MM>", "<yyyy-MM-dd>", "<yyyy-MM-ddTHH:mm>"];

    [Fact]
    public void RootHelp_InChinese_UsageLineAndCommandsHaveNoEnglishPlaceholder()
    {
        var run = Crm.Run("--lang", "zh-Hans");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("[命令] [选项]", UsageLine(run.Out, string.Empty));
        Assert.Contains("  tag <规则>  ", run.Out, StringComparison.Ordinal);
        Assert.Contains("  schema <calendar|customers|rules|surveys|tickets>  ", run.Out, StringComparison.Ordinal);
        Assert.Empty(Leftovers(run.Out));
    }

    [Fact]
    public void SubcommandHelp_InChinese_UsageArgumentsAndOptionsHaveChinesePlaceholders()
    {
        var run = Crm.Run("import", "customers", "--help", "--lang", "zh-Hans");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("import customers <文件> [选项]", UsageLine(run.Out, string.Empty));
        Assert.Contains("  <文件>  客户表", run.Out, StringComparison.Ordinal);
        Assert.Contains("--store <存储> (必填)", run.Out, StringComparison.Ordinal);
        Assert.Contains("--report-json <文件>", run.Out, StringComparison.Ordinal);
        Assert.Contains("--merge <fill-blanks|keep-newest|review>", run.Out, StringComparison.Ordinal);
        Assert.Contains("--encoding <utf-8|gb18030|utf-16>", run.Out, StringComparison.Ordinal);
        Assert.Empty(Leftovers(run.Out));
    }

    [Fact]
    public void EveryCommandsHelp_InChinese_NoEnglishPlaceholder_DescriptionsAlignedByDisplayWidth()
    {
        foreach (var path in CommandPaths(CliApplication.BuildRoot(new TestConsole()), []))
        {
            var run = Crm.Run([.. path, "--help", "--lang", "zh-Hans"]);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.True(Leftovers(run.Out).Count == 0, $"crm {string.Join(' ', path)}: {string.Join(", ", Leftovers(run.Out))}\n{run.Out}");
            AssertAligned(string.Join(' ', path), run.Out);
        }
    }

    [Fact]
    public void SubcommandHelp_InEnglish_KeepsSystemCommandLinesPlaceholders()
    {
        var run = Crm.Run("import", "customers", "--help", "--lang", "en");

        Assert.Equal("import customers <FILE> [options]", UsageLine(run.Out, "Usage:"));
        Assert.Contains("--store <store> (REQUIRED)", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("选项", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_WrappedDescription_ContinuationLinesFollowTheNewColumn()
    {
        const string help = "Options:\n  --map <文件>      Mapping file,\n                    wrapped here.\n  --dry-run         Read only.\n";

        var chinese = HelpLabels.Chinese(help, []);

        Assert.Equal("选项:\n  --map <文件>  Mapping file,\n                wrapped here.\n  --dry-run     Read only.\n", chinese);
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("<文件>", 6)]
    [InlineData("（必填）", 8)]
    [InlineData("𠀀", 2)]
    public void DisplayWidth_WideCharactersTakeTwoColumns(string text, int width)
    {
        Assert.Equal(width, HelpLabels.DisplayWidth(text));
    }

    /// <summary>The usage line after the root command's name (the test host's name when crm runs in-process).</summary>
    private static string UsageLine(string help, string title)
    {
        var lines = help.Split('\n');
        var at = Array.IndexOf(lines, title.Length > 0 ? title : "用法:");
        var usage = lines[at + 1].Trim();
        return usage[(usage.IndexOf(' ', StringComparison.Ordinal) + 1)..];
    }

    private static List<string> Leftovers(string help) =>
        [.. EnglishPlaceholder().Matches(help).Select(m => m.Value).Where(v => !Typed.Contains(v, StringComparer.Ordinal))];

    private static IEnumerable<string[]> CommandPaths(Command command, string[] path)
    {
        yield return path;
        foreach (var sub in command.Subcommands)
        {
            foreach (var p in CommandPaths(sub, [.. path, sub.Name]))
            {
                yield return p;
            }
        }
    }

    /// <summary>In each two-column section, every description starts at one display column.</summary>
    private static void AssertAligned(string command, string help)
    {
        string? section = null;
        var columns = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var line in help.Split('\n'))
        {
            if (line.Length > 0 && line[0] != ' ')
            {
                section = line.TrimEnd();
                continue;
            }

            if (section is "参数:" or "选项:" or "命令:" && Regex.Match(line, @"^  (\S(?:\S| (?! ))*) {2,}\S") is { Success: true } m)
            {
                var set = columns.TryGetValue(section, out var s) ? s : columns[section] = [];
                set.Add(HelpLabels.DisplayWidth(m.Groups[1].Value) + 2 + (m.Length - 1 - 2 - m.Groups[1].Length));
            }
        }

        Assert.True(columns.Values.All(c => c.Count == 1), $"crm {command}: description columns {string.Join("; ", columns.Select(c => c.Key + string.Join(",", c.Value)))}\n{help}");
    }
}
