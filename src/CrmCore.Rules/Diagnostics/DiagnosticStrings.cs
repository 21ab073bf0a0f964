using System.Globalization;
using System.Resources;
using CrmCore.Localization;

namespace CrmCore.Rules.Diagnostics;

/// <summary>
/// Access to DiagnosticStrings.resx (English, neutral) and DiagnosticStrings.zh-Hans.resx: the texts of diagnostics, formatted
/// in both languages at once so a <see cref="RuleDiagnostic"/> carries its <see cref="RuleDiagnostic.Message"/> and
/// <see cref="RuleDiagnostic.MessageZhHans"/>. Thread-safe.
/// </summary>
internal static class DiagnosticStrings
{
    private static readonly ResourceManager Resources = new("CrmCore.Rules.Diagnostics.DiagnosticStrings", typeof(DiagnosticStrings).Assembly);

    /// <summary>The resource <paramref name="key"/> formatted in English and in Simplified Chinese.</summary>
    /// <param name="key">The resource name.</param>
    /// <param name="args">The values put in; a <see cref="DiagnosticText"/> argument is itself taken in the same language.</param>
    /// <returns>Both texts.</returns>
    /// <exception cref="InvalidOperationException">The resource does not exist (a programming error).</exception>
    public static DiagnosticText Text(string key, params object?[] args)
        => new(Format(key, TextCultures.English, args), Format(key, TextCultures.SimplifiedChinese, args));

    /// <summary>The resources whose names are <paramref name="prefix"/> and a number, in name order, in English and Chinese.</summary>
    /// <param name="prefix">The name prefix (<c>Template</c>, <c>Word</c>).</param>
    /// <returns>The pairs.</returns>
    public static IReadOnlyList<DiagnosticText> Pairs(string prefix)
    {
        // The set belongs to the resource manager's cache: it is not disposed here (that would close it for every later lookup).
        var set = Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)
            ?? throw new InvalidOperationException("The diagnostic texts are missing.");
        return set.Cast<System.Collections.DictionaryEntry>()
            .Select(e => (string)e.Key)
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.Length > prefix.Length && char.IsAsciiDigit(k[prefix.Length]))
            .Order(StringComparer.Ordinal)
            .Select(k => new DiagnosticText(Resources.GetString(k, TextCultures.English)!, Resources.GetString(k, TextCultures.SimplifiedChinese)!))
            .ToList();
    }

    private static string Format(string key, CultureInfo culture, object?[] args)
    {
        var format = Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No diagnostic text `{key}`.");
        var values = args.Select(a => a is DiagnosticText t ? (TextCultures.IsSimplifiedChinese(culture) ? t.Chinese : t.English) : a).ToArray();
        return string.Format(CultureInfo.InvariantCulture, format, values);
    }
}

/// <summary>A diagnostic's text in English and in Simplified Chinese.</summary>
/// <param name="English">The English text.</param>
/// <param name="Chinese">The Simplified Chinese text.</param>
internal sealed record DiagnosticText(string English, string Chinese);
