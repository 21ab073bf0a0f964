using System.Globalization;
using System.Runtime.Loader;

namespace CrmCore.Localization;

/// <summary>
/// The one mapping from a (UI) culture to the language CrmCore speaks: its texts exist in English (the neutral resources) and in
/// Simplified Chinese (zh-Hans). <c>zh</c>, <c>zh-CN</c>, <c>zh-SG</c>, <c>zh-Hans</c> and the cultures under them (such as
/// <c>zh-Hans-HK</c>) read zh-Hans; Traditional Chinese cultures (<c>zh-Hant</c>, <c>zh-TW</c>, <c>zh-HK</c>, <c>zh-MO</c> and those
/// under them) and all others read English, as there are no zh-Hant texts. .NET's own resource fallback cannot do this: it goes from
/// <c>zh</c> straight to the neutral resources, past zh-Hans. Every text lookup of the library, of <c>CrmCore.Rules</c>,
/// <c>CrmCore.Reporting</c> and <c>crm</c> goes through here. Thread-safe.
/// </summary>
/// <remarks>
/// Without ICU (.NET's invariant globalization mode, as in Alpine images) the library still works: with cultures made by name allowed
/// (the host's <c>PredefinedCulturesOnly</c> off) it serves its zh-Hans texts, finding their satellite assemblies under the renamed
/// culture (<c>zh-HANS</c>); where no culture can be made it speaks English, <see cref="SimplifiedChinese"/> and <see cref="English"/>
/// being the invariant culture then. The README (Embedding it) says what a host sets.
/// </remarks>
public static class TextCultures
{
    static TextCultures()
    {
        // Without culture data a culture made by name is renamed (zh-Hans -> zh-HANS): find the library's satellite assemblies all the
        // same. With ICU .NET finds them itself, and nothing is registered.
        var library = typeof(TextCultures).Assembly;
        if (English.TwoLetterISOLanguageName != "en" && Path.GetDirectoryName(library.Location) is { Length: > 0 } folder)
        {
            SatelliteAssemblies.Register(AssemblyLoadContext.GetLoadContext(library) ?? AssemblyLoadContext.Default, folder, "CrmCore");
        }
    }

    /// <summary>Gets the culture of the library's Simplified Chinese texts (<c>zh-Hans</c>); the invariant culture (English texts) where
    /// .NET can make no culture by name (invariant globalization mode with predefined cultures only).</summary>
    public static CultureInfo SimplifiedChinese { get; } = Make("zh-Hans");

    /// <summary>Gets the culture of the library's English texts (<c>en</c>); the invariant culture where .NET can make no culture by
    /// name.</summary>
    public static CultureInfo English { get; } = Make("en");

    /// <summary>Whether a culture reads CrmCore's Simplified Chinese texts (see the class remarks for which cultures do).</summary>
    /// <param name="culture">The culture; null means <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>True for a Simplified Chinese culture.</returns>
    public static bool IsSimplifiedChinese(CultureInfo? culture = null)
    {
        // The culture and its parents, most specific first: zh-Hans-HK -> zh-Hans -> zh; zh-TW -> zh-Hant -> zh. A Traditional
        // Chinese name met first wins over the plain zh above it.
        for (var c = culture ?? CultureInfo.CurrentUICulture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (IsOneOf(c.Name, "zh-Hant", "zh-TW", "zh-HK", "zh-MO", "zh-CHT"))
            {
                return false;
            }

            if (IsOneOf(c.Name, "zh-Hans", "zh-CN", "zh-SG", "zh", "zh-CHS"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The culture whose texts a culture reads: zh-Hans for a Simplified Chinese culture, <c>en</c> for any other.</summary>
    /// <param name="culture">The culture; null means <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>zh-Hans or en (cached instances).</returns>
    public static CultureInfo For(CultureInfo? culture = null) => IsSimplifiedChinese(culture) ? SimplifiedChinese : English;

    private static CultureInfo Make(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private static bool IsOneOf(string name, params ReadOnlySpan<string> names)
    {
        foreach (var n in names)
        {
            if (string.Equals(name, n, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
