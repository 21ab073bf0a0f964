using System.Globalization;
using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Hosting;

/// <summary>
/// Whether .NET makes crm's cultures here. crm's runtime configuration lets it make cultures by name in invariant globalization mode
/// (no ICU); only <c>DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY=1</c> set together with that mode overrides it, and then no
/// culture but the invariant one can be made, crm's languages (en, zh-Hans) and the library's included. Thread-safe.
/// </summary>
internal static class CultureSupport
{
    /// <summary>
    /// <see langword="null"/> when .NET makes crm's cultures; else the error to print, in English and in Simplified Chinese (the user's
    /// language cannot be known without a culture), one line each.
    /// </summary>
    public static string? Problem()
    {
        try
        {
            _ = CultureInfo.GetCultureInfo(CliLanguage.EnglishName);
            _ = CultureInfo.GetCultureInfo(CliLanguage.ChineseName);
            return null;
        }
        catch (CultureNotFoundException)
        {
            return Messages.CulturesRefused.En + "\n" + Messages.CulturesRefused.Zh;
        }
    }
}
