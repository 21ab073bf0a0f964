using System.Globalization;
using System.Resources;

namespace CrmCore.Import.Localization;

/// <summary>Access to ImportStrings.resx (English, neutral) and ImportStrings.zh-Hans.resx. Thread-safe.</summary>
internal static class ImportStrings
{
    private static readonly ResourceManager Resources = new("CrmCore.Import.Localization.ImportStrings", typeof(ImportStrings).Assembly);

    [ThreadStatic]
    private static long t_lookups;

    /// <summary>How many resources this thread has looked up so far (lets tests bound the lookups a loop makes per row).</summary>
    internal static long LookupsOnThisThread => t_lookups;

    /// <summary>The resource for <paramref name="key"/> in the culture; the key itself when there is none.</summary>
    public static string Get(string key, CultureInfo? culture)
    {
        t_lookups++;
        return Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture) ?? key;
    }

    /// <summary>Formats the resource <paramref name="key"/>.</summary>
    public static string Format(string key, CultureInfo? culture, params object?[] args)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return string.Format(culture, Get(key, culture), args);
    }
}
