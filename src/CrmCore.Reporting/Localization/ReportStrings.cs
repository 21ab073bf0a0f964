using System.Globalization;
using System.Resources;

namespace CrmCore.Reporting.Localization;

/// <summary>Access to ReportStrings.resx (English, neutral) and ReportStrings.zh-Hans.resx. Thread-safe.</summary>
internal sealed class ReportStrings
{
    private static readonly ResourceManager Resources = new("CrmCore.Reporting.Localization.ReportStrings", typeof(ReportStrings).Assembly);

    public ReportStrings(CultureInfo culture) => Culture = culture;

    /// <summary>The culture the strings are looked up in: zh-Hans or en.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The string <paramref name="key"/>; throws when the resource is missing so that no label is silently blank.</summary>
    public string this[string key] => Resources.GetString(key, Culture) ?? throw new InvalidOperationException($"Report string '{key}' is missing.");

    /// <summary>Formats the string <paramref name="key"/> (numbers are already formatted by the caller).</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    /// <summary>
    /// zh-Hans for a Simplified Chinese culture, English otherwise (<see cref="CrmCore.Localization.TextCultures.For"/>); null means
    /// <see cref="CultureInfo.CurrentUICulture"/>.
    /// </summary>
    public static ReportStrings For(CultureInfo? culture) => new(CrmCore.Localization.TextCultures.For(culture));
}
