using System.Globalization;
using System.Resources;

namespace CrmCore.Import.Assets;

/// <summary>Access to AssetImportStrings.resx (English, neutral) and AssetImportStrings.zh-Hans.resx. Thread-safe.</summary>
internal static class AssetImportStrings
{
    private static readonly ResourceManager Resources = new("CrmCore.Import.Assets.AssetImportStrings", typeof(AssetImportStrings).Assembly);

    /// <summary>Formats the resource <paramref name="key"/> in the culture (the current UI culture when null).</summary>
    public static string Format(string key, CultureInfo? culture, params object?[] args)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return string.Format(culture, Resources.GetString(key, culture) ?? key, args);
    }
}
