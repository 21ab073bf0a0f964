using System.Text.RegularExpressions;

namespace CrmCore.Cli.Localization;

/// <summary>
/// The Simplified Chinese of the help labels System.CommandLine's own Chinese texts leave in English (<c>Description:</c>,
/// <c>(REQUIRED)</c>, <c>[default: X]</c>, and the section titles should its satellite assembly be missing), put into the help as written.
/// Thread-safe.
/// </summary>
internal static class HelpLabels
{
    private static readonly (Regex Pattern, string Chinese)[] Labels =
    [
        (new Regex("^Description:(?=\r?$)", RegexOptions.Multiline, TimeSpan.FromSeconds(1)), "说明:"),
        (new Regex("^Usage:(?=\r?$)", RegexOptions.Multiline, TimeSpan.FromSeconds(1)), "用法:"),
        (new Regex("^Arguments:(?=\r?$)", RegexOptions.Multiline, TimeSpan.FromSeconds(1)), "参数:"),
        (new Regex("^Options:(?=\r?$)", RegexOptions.Multiline, TimeSpan.FromSeconds(1)), "选项:"),
        (new Regex("^Commands:(?=\r?$)", RegexOptions.Multiline, TimeSpan.FromSeconds(1)), "命令:"),

        // Two wide characters and four spaces take the ten columns of "(REQUIRED)", so the descriptions stay aligned.
        (new Regex(@" \(REQUIRED\)", RegexOptions.None, TimeSpan.FromSeconds(1)), " (必填)    "),
        (new Regex(@"\[default: ", RegexOptions.None, TimeSpan.FromSeconds(1)), "[默认值: "),
    ];

    /// <summary>The help text with its English labels in Chinese.</summary>
    public static string Chinese(string help)
    {
        foreach (var (pattern, chinese) in Labels)
        {
            help = pattern.Replace(help, chinese);
        }

        return help;
    }
}
