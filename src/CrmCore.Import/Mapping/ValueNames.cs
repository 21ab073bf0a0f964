using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CrmCore.Import.Export;
using CrmCore.Localization;
using CrmCore.Normalization;

namespace CrmCore.Import.Mapping;

/// <summary>
/// The names of an extensible code type's built-in values (an industry, a customer source, a contact role: <see cref="DisplayLabels"/>)
/// as a table writes and reads them: each value's display name in zh-Hans and English (<see cref="DisplayNames"/>), its code, and
/// other words for it (document 001's 制造 for 制造业). The exporter writes <see cref="Name"/>, the row parser reads with
/// <see cref="TryRead"/>, both from this one table, so whatever an export writes, the import reads back as the same value. Immutable
/// and thread-safe.
/// </summary>
/// <typeparam name="T">The code type.</typeparam>
internal sealed class ValueNames<T>
    where T : struct
{
    private readonly Func<T, string> _code;
    private readonly Func<T, CultureInfo, string> _name;
    private readonly Dictionary<string, T> _exact;
    private readonly Dictionary<string, T> _ignoringCase;

    /// <summary>Builds the table.</summary>
    /// <param name="values">The built-in values.</param>
    /// <param name="code">A value's code.</param>
    /// <param name="create">The value of a code (a host's own code, or one the synonyms name, such as the import's default role).</param>
    /// <param name="name">A value's display name (a <see cref="DisplayNames"/> overload).</param>
    /// <param name="synonyms">Other words for values: word → code.</param>
    /// <exception cref="InvalidOperationException">One word would stand for two codes (<see cref="DisplayLabels.Map"/>).</exception>
    public ValueNames(IReadOnlyList<T> values, Func<T, string> code, Func<string, T> create, Func<T, CultureInfo, string> name, params (string From, string To)[] synonyms)
    {
        Values = values;
        _code = code;
        _name = name;
        Synonyms = synonyms.ToDictionary(s => s.From, s => s.To, StringComparer.Ordinal);
        Map = DisplayLabels.Map(DisplayLabels.Of(values, code, name).Concat(values.Select(v => (code(v), code(v)))), synonyms);
        var byCode = values.ToDictionary(code, StringComparer.Ordinal);
        _ignoringCase = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, target) in Map)
        {
            _ignoringCase.TryAdd(word, byCode.TryGetValue(target, out var known) ? known : create(target));
        }

        _exact = new Dictionary<string, T>(_ignoringCase, StringComparer.Ordinal);
    }

    /// <summary>The built-in values, in the order the display names list them.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>Every word the table reads → the code it stands for: the display names (zh-Hans first), the codes, then the synonyms.</summary>
    public IReadOnlyDictionary<string, string> Map { get; }

    /// <summary>The words other than display names and codes (word → code), as given.</summary>
    public IReadOnlyDictionary<string, string> Synonyms { get; }

    /// <summary>
    /// A value as a table shows it: its display name in the language; for a value without one (a host's own code, the import's default
    /// role), in Chinese the first synonym that reads as it (Contact → 联系人), else its code.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="language">The language.</param>
    /// <returns>The name, which <see cref="TryRead"/> reads back as the value.</returns>
    public string Name(T value, ExportLanguage language)
    {
        var code = _code(value);
        var shown = _name(value, ExportCells.Culture(language));
        if (!string.Equals(shown, code, StringComparison.Ordinal) || language != ExportLanguage.Chinese)
        {
            return shown;
        }

        foreach (var (word, target) in Synonyms)
        {
            if (string.Equals(target, code, StringComparison.OrdinalIgnoreCase))
            {
                return word;
            }
        }

        return code;
    }

    /// <summary>
    /// Reads a cell: the value a display name, code or synonym stands for, matched ignoring case. An exact match is found first without
    /// the case-insensitive hash, which costs most for Chinese names; a name typed with full-width punctuation (科技／互联网) is looked up
    /// folded.
    /// </summary>
    /// <param name="text">The cleaned cell.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text names a value of the table.</returns>
    public bool TryRead(string text, [MaybeNullWhen(false)] out T value) =>
        _exact.TryGetValue(text, out value) || _ignoringCase.TryGetValue(text, out value)
        || (TextNormalizer.Fold(text) is { } folded && !ReferenceEquals(folded, text) && _ignoringCase.TryGetValue(folded, out value));
}
