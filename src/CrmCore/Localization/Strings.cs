using System.Globalization;
using System.Resources;

namespace CrmCore.Localization;

/// <summary>
/// Access to Strings.resx (English, neutral) and Strings.zh-Hans.resx, in the language <see cref="TextCultures"/> picks for a culture
/// (so <c>zh</c> reads zh-Hans and <c>zh-TW</c> English). Thread-safe.
/// </summary>
internal static class Strings
{
    private static readonly ResourceManager Resources = new("CrmCore.Localization.Strings", typeof(Strings).Assembly);

    /// <summary>The resource for <paramref name="key"/>, or null when there is none.</summary>
    public static string? Find(string key, CultureInfo? culture) => Resources.GetString(key, TextCultures.For(culture));

    /// <summary>Formats the resource <paramref name="key"/> with the given culture.</summary>
    public static string Format(string key, CultureInfo? culture, params object?[] args)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var format = Find(key, culture) ?? key;
        return string.Format(culture, format, args);
    }
}
