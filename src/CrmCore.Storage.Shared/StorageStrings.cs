using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("en")]

namespace CrmCore.Storage;

/// <summary>Access to StorageStrings.resx (English, neutral) and StorageStrings.zh-Hans.resx, embedded in each storage provider under
/// the same name. Thread-safe.</summary>
internal static class StorageStrings
{
    private static readonly ResourceManager Resources = new("CrmCore.Storage.StorageStrings", typeof(StorageStrings).Assembly);

    /// <summary>The resource <paramref name="key"/> formatted in <paramref name="culture"/> (null: the current UI culture).</summary>
    public static string Format(string key, CultureInfo? culture, params object?[] args)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var format = Resources.GetString(key, CrmCore.Localization.TextCultures.For(culture)) ?? throw new InvalidOperationException($"The storage resource {key} is missing.");
        return string.Format(culture, format, args);
    }

    /// <summary>The resource <paramref name="key"/> in <paramref name="culture"/> (null: the current UI culture).</summary>
    public static string Get(string key, CultureInfo? culture) => Format(key, culture);
}
