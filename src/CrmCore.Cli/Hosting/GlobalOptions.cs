using System.CommandLine;
using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Hosting;

/// <summary>Options that every command accepts.</summary>
internal static class GlobalOptions
{
    /// <summary>The name of the language option.</summary>
    public const string LanguageName = "--lang";

    /// <summary>
    /// Creates <c>--lang en|zh-Hans</c>: the language of messages and report labels (default: the UI culture). Each command tree gets
    /// its own instance: a run localises the descriptions of its tree, and runs going on at the same time in one process must not see
    /// each other's language.
    /// </summary>
    public static Option<string> Language()
    {
        var option = new Option<string>(LanguageName)
        {
            Description = "Language of messages and report labels: en or zh-Hans (default: the current UI culture).",
            Recursive = true,
            HelpName = "en|zh-Hans",
        };
        option.AcceptOnlyFromAmong(CliLanguage.EnglishName, CliLanguage.ChineseName);
        return option;
    }
}
