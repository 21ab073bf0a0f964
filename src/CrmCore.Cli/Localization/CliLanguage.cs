using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Cli.Localization;

/// <summary>The languages <c>crm</c> speaks: English and Simplified Chinese.</summary>
internal sealed class CliLanguage
{
    /// <summary>The option value for English.</summary>
    public const string EnglishName = "en";

    /// <summary>The option value for Simplified Chinese.</summary>
    public const string ChineseName = "zh-Hans";

    private CliLanguage(string name, bool isChinese)
    {
        Name = name;
        IsChinese = isChinese;
        Culture = isChinese ? TextCultures.SimplifiedChinese : TextCultures.English;
    }

    /// <summary>Gets English.</summary>
    public static CliLanguage English { get; } = new(EnglishName, isChinese: false);

    /// <summary>Gets Simplified Chinese.</summary>
    public static CliLanguage Chinese { get; } = new(ChineseName, isChinese: true);

    /// <summary>Gets the language's canonical option value (<c>en</c> or <c>zh-Hans</c>), whatever culture name chose it.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether this is Simplified Chinese.</summary>
    public bool IsChinese { get; }

    /// <summary>Gets the culture used for help text and number formatting of labels: the library's own culture of the language
    /// (<see cref="TextCultures"/>), which exists also where .NET makes no culture by name.</summary>
    public CultureInfo Culture { get; }

    /// <summary>
    /// Gets the language for a <c>--lang</c> value: any culture name .NET knows, in any case (<c>en</c>, <c>en-GB</c>, <c>zh</c>,
    /// <c>zh-cn</c>, <c>ZH-Hans</c>, <c>zh-TW</c>, <c>fr</c> ...), read as the library reads a culture (<see cref="FromCulture"/>);
    /// <see langword="null"/> for a name .NET does not know (and for an empty one).
    /// </summary>
    public static CliLanguage? FromName(string? name) => CultureOf(name) is { } culture ? FromCulture(culture) : null;

    /// <summary>
    /// Gets a value indicating whether .NET has culture data (ICU) here: false in invariant globalization mode
    /// (<c>DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1</c>, hosts and containers without ICU), where every culture has the invariant
    /// culture's data and crm reads cultures by their name (<see cref="NameOnlyCulture"/>).
    /// </summary>
    public static bool HasCultureData => NameOnlyCulture.HasCultureData;

    /// <summary>
    /// The culture a <c>--lang</c> value names (case-insensitive), or <see langword="null"/> when .NET does not know it: not a
    /// predefined culture of the system, or empty (the invariant culture). Without culture data (<see cref="HasCultureData"/>) no
    /// name can be checked: any name of letters and digits gives a <see cref="NameOnlyCulture"/>, read by its name.
    /// </summary>
    public static CultureInfo? CultureOf(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        try
        {
            #pragma warning disable RS0030 // --lang names any culture: checked here, with culture data only
            var culture = HasCultureData ? CultureInfo.GetCultureInfo(name, predefinedOnly: true) : new NameOnlyCulture(name);
            #pragma warning restore RS0030
            return culture.Name.Length == 0 ? null : culture;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The user's UI culture: <see cref="CultureInfo.CurrentUICulture"/>, or without culture data (where that is always the invariant
    /// culture) the culture the POSIX locale variables name (<see cref="PosixLocale"/>: LC_ALL, LC_MESSAGES, LANG), when they name one.
    /// </summary>
    /// <param name="variable">Reads an environment variable.</param>
    public static CultureInfo UiCulture(Func<string, string?> variable) =>
        !HasCultureData && CultureOf(PosixLocale.CultureName(variable)) is { } posix ? posix : CultureInfo.CurrentUICulture;

    /// <summary>
    /// The note for a <c>--lang</c> culture that has no texts of its own and so reads English (<c>{0}</c> is the culture's name): one for
    /// a Traditional Chinese culture (zh-Hant, zh-TW, zh-HK, zh-MO), one for any other language, and one for any other name when there is
    /// no culture data to check it against (a <see cref="NameOnlyCulture"/>); <see langword="null"/> for an English or a Simplified
    /// Chinese culture.
    /// </summary>
    public static Msg? FallbackNote(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (FromCulture(culture).IsChinese || culture.TwoLetterISOLanguageName == EnglishName)
        {
            return null;
        }

        return culture.TwoLetterISOLanguageName == "zh" ? Messages.LangTraditionalChinese
            : culture is NameOnlyCulture ? Messages.LangUnchecked
            : Messages.LangWithoutTexts;
    }

    /// <summary>
    /// The <c>--lang</c> value in raw arguments (before a <c>--</c>), as written, or <see langword="null"/> when there is none: the value
    /// after <c>--lang</c>, or of <c>--lang=value</c> / <c>--lang:value</c>.
    /// </summary>
    public static string? ValueIn(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                break;
            }

            if (a == "--lang" && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (a.StartsWith("--lang=", StringComparison.Ordinal) || a.StartsWith("--lang:", StringComparison.Ordinal))
            {
                return a["--lang=".Length..];
            }
        }

        return null;
    }

    /// <summary>
    /// The default language for a UI culture, as the library picks its texts (<see cref="TextCultures"/>): a
    /// Simplified Chinese culture (zh, zh-CN, zh-SG, zh-Hans and those under it) gives Simplified Chinese, any other (Traditional
    /// Chinese zh-TW, zh-HK, zh-Hant included, as there are no zh-Hant texts) English.
    /// </summary>
    public static CliLanguage FromCulture(CultureInfo culture) =>
        TextCultures.IsSimplifiedChinese(culture) ? Chinese : English;

    /// <summary>
    /// Finds <c>--lang</c> in raw arguments before parsing (<see cref="ValueIn"/>, <see cref="FromName"/>), so that parse errors and help
    /// are in the chosen language too. A value .NET does not know falls back to the culture (the parser then reports it as a usage error).
    /// </summary>
    public static CliLanguage FromArguments(IReadOnlyList<string> args, CultureInfo fallback) => FromName(ValueIn(args)) ?? FromCulture(fallback);

    /// <inheritdoc />
    public override string ToString() => Name;
}
