using System.Text;
using System.Text.RegularExpressions;

namespace CrmCore.Cli.Localization;

/// <summary>
/// The Simplified Chinese of the help labels System.CommandLine's own Chinese texts leave in English (<c>Description:</c>,
/// <c>(REQUIRED)</c>, <c>[default: X]</c>, the usage line's <c>[options]</c> and <c>[command]</c>, and the section titles should its
/// satellite assembly be missing), put into the help as written; then the two-column sections (arguments, options, commands) are
/// aligned again by display width, since a Chinese character takes two columns of a terminal where System.CommandLine counts one.
/// Thread-safe.
/// </summary>
internal static class HelpLabels
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly (Regex Pattern, string Chinese)[] Labels =
    [
        (new Regex("^Description:(?=\r?$)", RegexOptions.Multiline, Timeout), "说明:"),
        (new Regex("^Usage:(?=\r?$)", RegexOptions.Multiline, Timeout), "用法:"),
        (new Regex("^Arguments:(?=\r?$)", RegexOptions.Multiline, Timeout), "参数:"),
        (new Regex("^Options:(?=\r?$)", RegexOptions.Multiline, Timeout), "选项:"),
        (new Regex("^Commands:(?=\r?$)", RegexOptions.Multiline, Timeout), "命令:"),
        (new Regex(@" \(REQUIRED\)", RegexOptions.None, Timeout), " (必填)"),
        (new Regex(@"\[default: ", RegexOptions.None, Timeout), "[默认值: "),
    ];

    /// <summary>The placeholders of System.CommandLine's usage line (HelpUsageOptions, HelpUsageCommand, HelpUsageAdditionalArguments).</summary>
    private static readonly (string English, string Chinese)[] UsageTokens =
    [
        ("[[--] <additional arguments>...]]", "[[--] <附加参数>...]]"),
        ("[options]", "[选项]"),
        ("[command]", "[命令]"),
        ("<command>", "<命令>"),
    ];

    /// <summary>The titles of the sections laid out in two columns (name, description), in Chinese.</summary>
    private static readonly string[] TwoColumnTitles = ["参数:", "选项:", "命令:", "附加参数:"];

    /// <summary>A row of a two-column section: two spaces, the first column (single spaces only), two or more spaces, the description.</summary>
    private static readonly Regex Row = new(@"^  (?<name>\S(?:\S| (?! ))*)(?: {2,}(?<text>\S.*))?$", RegexOptions.None, Timeout);

    /// <summary>
    /// The help text with its English labels and placeholders in Chinese, its columns aligned for a terminal; the usage line's
    /// argument placeholders are replaced as <paramref name="arguments"/> says (<see cref="HelpTexts.UsagePlaceholders"/>).
    /// </summary>
    public static string Chinese(string help, IReadOnlyList<(string English, string Chinese)> arguments)
    {
        foreach (var (pattern, chinese) in Labels)
        {
            help = pattern.Replace(help, chinese);
        }

        var newline = help.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = help.Split(newline);
        string? section = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length > 0 && lines[i][0] != ' ')
            {
                section = lines[i].TrimEnd();
            }
            else if (section == "用法:")
            {
                foreach (var (english, chinese) in UsageTokens.Concat(arguments))
                {
                    lines[i] = lines[i].Replace(english, chinese, StringComparison.Ordinal);
                }
            }
        }

        Align(lines);
        return string.Join(newline, lines);
    }

    /// <summary>The columns a text takes in a terminal: two for an East Asian wide or full-width character, one for any other.</summary>
    internal static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += IsWide(rune.Value) ? 2 : 1;
        }

        return width;
    }

    private static bool IsWide(int c) =>
        c is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x20000 and <= 0x3FFFD);

    /// <summary>
    /// Lays every two-column section out again: the descriptions start two columns after the widest first column, counted in display
    /// width; a wrapped description's next lines start at the same column.
    /// </summary>
    private static void Align(string[] lines)
    {
        var i = 0;
        while (i < lines.Length)
        {
            if (!TwoColumnTitles.Contains(lines[i].TrimEnd(), StringComparer.Ordinal))
            {
                i++;
                continue;
            }

            var start = ++i;
            while (i < lines.Length && lines[i].StartsWith("  ", StringComparison.Ordinal))
            {
                i++;
            }

            AlignSection(lines, start, i);
        }
    }

    private static void AlignSection(string[] lines, int start, int end)
    {
        var rows = new List<(int Line, string Name, string? Text)>();
        var continued = new List<int>();
        for (var i = start; i < end; i++)
        {
            if (lines[i].StartsWith("   ", StringComparison.Ordinal))
            {
                continued.Add(i);
            }
            else if (Row.Match(lines[i]) is { Success: true } m)
            {
                rows.Add((i, m.Groups["name"].Value, m.Groups["text"].Success ? m.Groups["text"].Value : null));
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        var column = rows.Max(r => DisplayWidth(r.Name)) + 2;
        foreach (var (line, name, text) in rows)
        {
            lines[line] = text is null
                ? "  " + name
                : new StringBuilder("  ").Append(name).Append(' ', column - DisplayWidth(name)).Append(text).ToString();
        }

        foreach (var line in continued)
        {
            lines[line] = new string(' ', 2 + column) + lines[line].TrimStart(' ');
        }
    }
}
