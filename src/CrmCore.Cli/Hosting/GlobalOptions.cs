using System.CommandLine;
using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Hosting;

/// <summary>Options that every command accepts.</summary>
internal static class GlobalOptions
{
    /// <summary>Gets <c>--lang en|zh-Hans</c>: the language of messages and report labels (default: the UI culture).</summary>
    public static Option<string> Language { get; } = CreateLanguage();

    private static Option<string> CreateLanguage()
    {
        var option = new Option<string>("--lang")
        {
            Description = "Language of messages and report labels: en or zh-Hans (default: the current UI culture).",
            Recursive = true,
            HelpName = "en|zh-Hans",
        };
        option.AcceptOnlyFromAmong(CliLanguage.EnglishName, CliLanguage.ChineseName);
        return option;
    }
}
