using System.Globalization;

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
        Culture = CultureInfo.GetCultureInfo(name);
    }

    /// <summary>Gets English.</summary>
    public static CliLanguage English { get; } = new(EnglishName, isChinese: false);

    /// <summary>Gets Simplified Chinese.</summary>
    public static CliLanguage Chinese { get; } = new(ChineseName, isChinese: true);

    /// <summary>Gets the option value (<c>en</c> or <c>zh-Hans</c>).</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether this is Simplified Chinese.</summary>
    public bool IsChinese { get; }

    /// <summary>Gets the culture used for help text and number formatting of labels.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Gets the language for an exact option value, or <see langword="null"/> when it is not supported.</summary>
    public static CliLanguage? FromName(string? name) => name switch
    {
        EnglishName => English,
        ChineseName => Chinese,
        _ => null,
    };

    /// <summary>
    /// The default language for a UI culture, as the library picks its texts (<see cref="CrmCore.Localization.TextCultures"/>): a
    /// Simplified Chinese culture (zh, zh-CN, zh-SG, zh-Hans and those under it) gives Simplified Chinese, any other (Traditional
    /// Chinese zh-TW, zh-HK, zh-Hant included, as there are no zh-Hant texts) English.
    /// </summary>
    public static CliLanguage FromCulture(CultureInfo culture) =>
        CrmCore.Localization.TextCultures.IsSimplifiedChinese(culture) ? Chinese : English;

    /// <summary>
    /// Finds <c>--lang</c> in raw arguments before parsing, so that parse errors and help are in the chosen
    /// language too. An unsupported value falls back to the culture (the parser then reports it as a usage error).
    /// </summary>
    public static CliLanguage FromArguments(IReadOnlyList<string> args, CultureInfo fallback)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                break;
            }

            string? value = null;
            if (a == "--lang" && i + 1 < args.Count)
            {
                value = args[i + 1];
            }
            else if (a.StartsWith("--lang=", StringComparison.Ordinal) || a.StartsWith("--lang:", StringComparison.Ordinal))
            {
                value = a["--lang=".Length..];
            }

            if (value is not null && FromName(value) is { } lang)
            {
                return lang;
            }
        }

        return FromCulture(fallback);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
