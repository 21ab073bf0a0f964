using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace CrmCore.Reporting.Localization;

/// <summary>Access to ReportStrings.resx (English, neutral) and ReportStrings.zh-Hans.resx. Thread-safe.</summary>
internal sealed class ReportStrings
{
    private static readonly ResourceManager Resources = new("CrmCore.Reporting.Localization.ReportStrings", typeof(ReportStrings).Assembly);

    private static readonly Regex DocumentSource = new(@"^document ([0-9]+)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public ReportStrings(CultureInfo culture) => Culture = culture;

    /// <summary>The culture the strings are looked up in: zh-Hans or en.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The string <paramref name="key"/>; throws when the resource is missing so that no label is silently blank.</summary>
    public string this[string key] => Resources.GetString(key, Culture) ?? throw new InvalidOperationException($"Report string '{key}' is missing.");

    /// <summary>Formats the string <paramref name="key"/> (numbers are already formatted by the caller).</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    /// <summary>
    /// Where the targets come from in the report's language: a source document's name (<c>document 001</c>, as the built-in targets
    /// give it) is worded in that language (文档 001); any other source, a targets file's own name, is shown as given.
    /// </summary>
    public string TargetSource(string source)
    {
        var document = DocumentSource.Match(source);
        return document.Success ? Format("TargetSourceDocument", document.Groups[1].Value) : source;
    }

    /// <summary>
    /// zh-Hans for a Simplified Chinese culture, English otherwise (<see cref="CrmCore.Localization.TextCultures.For"/>); null means
    /// <see cref="CultureInfo.CurrentUICulture"/>.
    /// </summary>
    public static ReportStrings For(CultureInfo? culture) => new(CrmCore.Localization.TextCultures.For(culture));
}
