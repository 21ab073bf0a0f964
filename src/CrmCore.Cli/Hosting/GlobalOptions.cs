using System.CommandLine;
using System.Globalization;
using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Hosting;

/// <summary>Options that every command accepts.</summary>
internal static class GlobalOptions
{
    /// <summary>The name of the language option.</summary>
    public const string LanguageName = "--lang";

    /// <summary>The usage error for a <c>--lang</c> value .NET knows no culture by (<c>{0}</c>: the value); it lists what is accepted.</summary>
    public const string UnknownLanguage =
        "'{0}' is not a language: use en (English) or zh-Hans (Simplified Chinese), or a culture name such as en-GB, zh or zh-CN.";

    /// <summary>
    /// Creates <c>--lang</c>: the language of messages and report labels (default: the UI culture), as a culture name read as the library
    /// reads a culture (<see cref="CliLanguage.FromName"/>: zh, zh-CN, zh-SG, zh-Hans give Simplified Chinese, every other culture English);
    /// a name .NET does not know is a usage error. Each command tree gets its own instance: a run localises the descriptions of its tree,
    /// and runs going on at the same time in one process must not see each other's language.
    /// </summary>
    public static Option<string> Language()
    {
        var option = new Option<string>(LanguageName)
        {
            Description = "Language of messages and report labels: en or zh-Hans, or a culture name (zh, zh-CN and zh-SG read zh-Hans; en-GB, zh-TW and any other culture English) (default: the current UI culture).",
            Recursive = true,
            HelpName = "en|zh-Hans|culture",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (CliLanguage.FromName(value) is null)
            {
                result.AddError(string.Format(CultureInfo.InvariantCulture, UnknownLanguage, value));
            }
        });
        return option;
    }
}
