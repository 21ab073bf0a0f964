using System.Globalization;
using System.Resources;

namespace CrmCore.Import.Articles;

/// <summary>Access to ArticleImportStrings.resx (English, neutral) and ArticleImportStrings.zh-Hans.resx. Thread-safe.</summary>
internal static class ArticleImportStrings
{
    private static readonly ResourceManager Resources = new("CrmCore.Import.Articles.ArticleImportStrings", typeof(ArticleImportStrings).Assembly);

    /// <summary>Formats the resource <paramref name="key"/> in the culture (the current UI culture when null).</summary>
    public static string Format(string key, CultureInfo? culture, params object?[] args)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return string.Format(culture, Resources.GetString(key, culture) ?? key, args);
    }
}
