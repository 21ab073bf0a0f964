using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Calendars;

/// <summary>One problem found while loading configuration (calendars, holiday files, SLA policies, escalation ladders), with where it is. Immutable and thread-safe.</summary>
/// <param name="Path">Where the problem is: a JSON path such as <c>$.week.monday[1]</c>, or <c>VEVENT #3</c> for iCalendar input.</param>
/// <param name="Message">An English description of the problem and how to fix it.</param>
public readonly record struct LoadProblem(string Path, string Message)
{
    /// <summary>The same description in Simplified Chinese, or null when only English is available (e.g. a parser's own text).</summary>
    public string? MessageZhHans { get; init; }

    /// <summary>The description for end users in a culture: Simplified Chinese for a Simplified Chinese culture (zh, zh-CN, zh-SG, zh-Hans;
    /// see <see cref="TextCultures"/>) when available, English otherwise.</summary>
    /// <param name="culture">The culture; default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The message.</returns>
    public string MessageIn(CultureInfo? culture = null) =>
        MessageZhHans is not null && TextCultures.IsSimplifiedChinese(culture) ? MessageZhHans : Message;

    /// <summary>The 1-based line of the problem in the text that was loaded, or 0 when only <see cref="Path"/> locates it (a JSON syntax
    /// error has a line and column; a problem in well-formed JSON has a JSON path).</summary>
    public int Line { get; init; }

    /// <summary>The 1-based column (in characters) of the problem on <see cref="Line"/>, or 0 when <see cref="Line"/> is 0.</summary>
    public int Column { get; init; }

    /// <summary>Where the problem is, as a user reads it: <c>line:col</c> when the line is known, the <see cref="Path"/> otherwise.</summary>
    public string Where => Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Line}:{Column}") : Path;

    /// <inheritdoc />
    public override string ToString() => $"{Where}: {Message}";

    /// <summary>Problems one a line, each after a line break, as <c>where: message</c> in a culture (<see cref="MessageIn"/>): the list
    /// that follows the heading of a configuration error.</summary>
    /// <param name="problems">The problems.</param>
    /// <param name="culture">The culture.</param>
    internal static string Lines(IEnumerable<LoadProblem> problems, CultureInfo culture) =>
        string.Concat(problems.Select(p => Environment.NewLine + p.Where + ": " + p.MessageIn(culture)));

    /// <summary>A problem whose text is the resource <paramref name="key"/> of <c>Strings.resx</c>, in English and zh-Hans.</summary>
    internal static LoadProblem Of(string path, string key, params object?[] args) =>
        new(path, Strings.Format(key, CultureInfo.InvariantCulture, args)) { MessageZhHans = Strings.Format(key, TextCultures.SimplifiedChinese, args) };
}
