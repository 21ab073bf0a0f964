using System.Globalization;
using System.Resources;
using CrmCore.Localization;

namespace CrmCore.Import.Localization;

/// <summary>Access to ImportStrings.resx (English, neutral) and ImportStrings.zh-Hans.resx; its row reasons are <see cref="ImportReasons"/>. Thread-safe.</summary>
internal static class ImportStrings
{
    /// <summary>The resources.</summary>
    internal static ResourceManager Resources { get; } = new("CrmCore.Import.Localization.ImportStrings", typeof(ImportStrings).Assembly);

    /// <summary>The resource for <paramref name="key"/> in the culture's texts (<see cref="TextCultures.For"/>: plain zh and zh-CN read
    /// zh-Hans); the key itself when there is none.</summary>
    public static string Get(string key, CultureInfo? culture) => Resources.GetString(key, TextCultures.For(culture)) ?? key;

    /// <summary>Formats the resource <paramref name="key"/>.</summary>
    public static string Format(string key, CultureInfo? culture, params object?[] args)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return string.Format(culture, Get(key, culture), args);
    }
}
