using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmCore.Rules.Diagnostics;

/// <summary>
/// The full text of a diagnostic in English or Simplified Chinese. Diagnostics written from the resources carry their Chinese text
/// (<see cref="RuleDiagnostic.MessageZhHans"/>); the loader's and compiler's other messages are translated here from their English
/// templates (also in the resources), keeping the names and values they quote. A message without a translation comes back in English (tools then show
/// the code's Chinese title in front). Thread-safe.
/// </summary>
public static partial class RuleDiagnosticMessages
{
    /// <summary>
    /// English templates (<c>{0}</c>, <c>{1}</c>... stand for quoted names and values) and their Chinese text: the resources
    /// <c>Template01</c>, <c>Template02</c>... of DiagnosticStrings.resx and DiagnosticStrings.zh-Hans.resx, tried in that order.
    /// </summary>
    private static readonly (Regex Pattern, string Chinese)[] Compiled = DiagnosticStrings.Pairs("Template").Select(t => (ToRegex(t.English), t.Chinese)).ToArray();

    /// <summary>Words quoted inside messages (<c>Word01</c>... of the same resources), English to Chinese.</summary>
    private static readonly Dictionary<string, string> Words = DiagnosticStrings.Pairs("Word").ToDictionary(w => w.English, w => w.Chinese, StringComparer.Ordinal);

    /// <summary>The diagnostic's message in a culture: Simplified Chinese for zh-Hans (zh, zh-CN, zh-SG) when there is a translation.</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <param name="culture">The culture; the current UI culture when null.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="diagnostic"/> is null.</exception>
    public static string Get(RuleDiagnostic diagnostic, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (!Explain.ExplainLabels.IsChinese(culture ?? CultureInfo.CurrentUICulture))
        {
            return diagnostic.Message;
        }

        return diagnostic.MessageZhHans ?? TryTranslate(diagnostic.Message) ?? diagnostic.Message;
    }

    /// <summary>The Chinese text of an English loader or compiler message; null when it has no translation.</summary>
    /// <param name="english">The English message.</param>
    /// <returns>The Chinese message or null.</returns>
    public static string? TryTranslate(string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        foreach (var (pattern, chinese) in Compiled)
        {
            var m = pattern.Match(english);
            if (m.Success)
            {
                return PlaceHolder().Replace(chinese, p =>
                {
                    var value = m.Groups["p" + p.Groups[1].Value].Value;
                    return Words.GetValueOrDefault(value, value);
                });
            }
        }

        return null;
    }

    private static Regex ToRegex(string template)
    {
        var parts = PlaceHolder().Split(template);
        var pattern = new System.Text.StringBuilder("^");
        for (var i = 0; i < parts.Length; i++)
        {
            pattern.Append(i % 2 == 0 ? Regex.Escape(parts[i]) : $"(?<p{parts[i]}>.*?)");
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex(@"\{(\d)\}")]
    private static partial Regex PlaceHolder();
}
