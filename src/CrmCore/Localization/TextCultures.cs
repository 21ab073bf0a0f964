using System.Globalization;
using System.Runtime.Loader;

namespace CrmCore.Localization;

/// <summary>
/// The one mapping from a (UI) culture to the language CrmCore speaks: its texts exist in English (the neutral resources) and in
/// Simplified Chinese (zh-Hans). <c>zh</c>, <c>zh-CN</c>, <c>zh-SG</c>, <c>zh-Hans</c> and the cultures under them (such as
/// <c>zh-Hans-HK</c>) read zh-Hans; Traditional Chinese cultures (<c>zh-Hant</c>, <c>zh-TW</c>, <c>zh-HK</c>, <c>zh-MO</c> and those
/// under them) and all others read English, as there are no zh-Hant texts. .NET's own resource fallback cannot do this: it goes from
/// <c>zh</c> straight to the neutral resources, past zh-Hans. Every text lookup of the library, of <c>CrmCore.Rules</c>,
/// <c>CrmCore.Reporting</c>, <c>CrmCore.Import</c>, the storage providers and <c>crm</c> goes through here, and a zh-Hans text is
/// asked for in <see cref="SimplifiedChinese"/>, never in a culture made by name. Thread-safe.
/// </summary>
/// <remarks>
/// Without ICU (.NET's invariant globalization mode, as in Alpine images) there is no culture data, and by default (predefined cultures
/// only) .NET makes no culture by name. <see cref="SimplifiedChinese"/> and <see cref="English"/> are then cultures known only by their
/// name (<c>zh-Hans</c>, <c>en</c>) with the invariant culture's data, which need no culture data and no permission: every text the
/// library names or documents as zh-Hans (<c>MessageZhHans</c>, <c>ReasonZhHans</c>, ...) and every text asked for in
/// <see cref="SimplifiedChinese"/> is Chinese there too, read from the zh-Hans satellite assemblies. What follows
/// <see cref="CultureInfo.CurrentUICulture"/> (a call given no culture) reads English there unless the host sets that culture: without ICU
/// it is the invariant culture whatever LANG says. A host sets <c>CultureInfo.CurrentUICulture = TextCultures.SimplifiedChinese</c> (or
/// passes it) to speak Chinese; with cultures made by name allowed (<c>PredefinedCulturesOnly</c> off) a culture it makes by name
/// (<c>new CultureInfo("zh-Hans")</c>, which .NET renames <c>zh-HANS</c>) reads zh-Hans as well, its satellite assemblies found under
/// the renamed culture. The README (Embedding it) says the same for hosts.
/// </remarks>
public static class TextCultures
{
    static TextCultures()
    {
        // Without culture data a culture made by name is renamed (zh-Hans -> zh-HANS): find the library's satellite assemblies all the
        // same. With ICU .NET finds them itself, and nothing is registered.
        var library = typeof(TextCultures).Assembly;
        if (!NameOnlyCulture.HasCultureData && Path.GetDirectoryName(library.Location) is { Length: > 0 } folder)
        {
            SatelliteAssemblies.Register(AssemblyLoadContext.GetLoadContext(library) ?? AssemblyLoadContext.Default, folder, "CrmCore");
        }
    }

    /// <summary>Gets the culture of the library's Simplified Chinese texts (<c>zh-Hans</c>). Without culture data (invariant globalization
    /// mode) a culture named <c>zh-Hans</c> with the invariant culture's data, made even where .NET makes no culture by name: texts asked
    /// for in it are Chinese there too.</summary>
    public static CultureInfo SimplifiedChinese { get; } = Make("zh-Hans");

    /// <summary>Gets the culture of the library's English texts (<c>en</c>). Without culture data a culture named <c>en</c> with the
    /// invariant culture's data.</summary>
    public static CultureInfo English { get; } = Make("en");

    /// <summary>Whether a culture reads CrmCore's Simplified Chinese texts (see the class remarks for which cultures do).</summary>
    /// <param name="culture">The culture; null means <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>True for a Simplified Chinese culture.</returns>
    public static bool IsSimplifiedChinese(CultureInfo? culture = null)
    {
        // The culture and its parents, most specific first: zh-Hans-HK -> zh-Hans -> zh; zh-TW -> zh-Hant -> zh. A Traditional
        // Chinese name met first wins over the plain zh above it. A culture without a parent of its own (without culture data .NET
        // renames one a host makes by name, zh-Hans-CN becoming zh-HANS-CN with the invariant culture as parent) goes on by its name
        // less its last part.
        var c = culture ?? CultureInfo.CurrentUICulture;
        for (var name = c?.Name ?? string.Empty; name.Length > 0;)
        {
            if (IsOneOf(name, "zh-Hant", "zh-TW", "zh-HK", "zh-MO", "zh-CHT"))
            {
                return false;
            }

            if (IsOneOf(name, "zh-Hans", "zh-CN", "zh-SG", "zh", "zh-CHS"))
            {
                return true;
            }

            if (c?.Parent is { Name.Length: > 0 } parent)
            {
                c = parent;
                name = parent.Name;
            }
            else
            {
                c = null;
                name = name.LastIndexOf('-') is var last and > 0 ? name[..last] : string.Empty;
            }
        }

        return false;
    }

    /// <summary>The culture whose texts a culture reads: zh-Hans for a Simplified Chinese culture, <c>en</c> for any other.</summary>
    /// <param name="culture">The culture; null means <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>zh-Hans or en (cached instances).</returns>
    public static CultureInfo For(CultureInfo? culture = null) => IsSimplifiedChinese(culture) ? SimplifiedChinese : English;

    // Without culture data a culture made by name (where .NET makes one at all) is renamed (zh-HANS) and has no parent: the library's own
    // cultures are known by name instead, the same with cultures by name allowed or not.
    // Read-only, as GetCultureInfo's are: the instances are shared.
    private static CultureInfo Make(string name) =>
        #pragma warning disable RS0030 // the one place the library makes its cultures
        NameOnlyCulture.HasCultureData ? CultureInfo.GetCultureInfo(name) : CultureInfo.ReadOnly(new NameOnlyCulture(name));
        #pragma warning restore RS0030

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
