using System.Globalization;
using System.Text;
using CrmCore.Import.Tables;
using CrmCore.Normalization;

namespace CrmCore.Import.Mapping;

/// <summary>
/// How the columns of a table become the fields of one entity (<typeparamref name="TField"/>: <see cref="CustomerField"/>,
/// <c>AssetField</c>, <c>TicketField</c>, <c>PlanField</c>, <c>SurveyField</c>): column header → field, constant values for fields the
/// table does not have, and value maps per field (<c>紧急 → Urgent</c>, <c>重要客户 → A</c>). Headers are matched after cleaning (width,
/// case, spaces; a bracketed unit such as <c>（元）</c> or <c>(1-5分)</c> may be left off). The field enum's zero value (named
/// <c>Ignore</c> by convention) marks a column that is known and deliberately not imported. <see cref="ImportMappings"/> holds the
/// built-in mapping of every entity in Chinese and English; a mapping file (<see cref="ImportMappingFile"/>) extends one. Every importer
/// reports the headers that are neither mapped nor ignored. Immutable and thread-safe.
/// </summary>
/// <typeparam name="TField">The entity's field enum.</typeparam>
public sealed class ImportMapping<TField>
    where TField : struct, Enum
{
    private readonly Dictionary<string, TField> _columns;

    /// <summary>Creates a mapping.</summary>
    /// <param name="columns">Column header → field.</param>
    /// <param name="constants">Field → a value every row gets when its own cell is blank; default none.</param>
    /// <param name="values">Field → (cell value → value to use); matched after cleaning, case-insensitive; default none.</param>
    public ImportMapping(
        IEnumerable<KeyValuePair<string, TField>> columns,
        IEnumerable<KeyValuePair<TField, string>>? constants = null,
        IEnumerable<KeyValuePair<TField, IReadOnlyDictionary<string, string>>>? values = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var map = new Dictionary<string, TField>(StringComparer.Ordinal);
        foreach (var (header, field) in columns)
        {
            map[HeaderKey(header)] = field;
        }

        _columns = map;
        Columns = map.AsReadOnly();
        Constants = (constants ?? []).ToDictionary(p => p.Key, p => p.Value);
        Values = (values ?? []).ToDictionary(
            p => p.Key,
            p => (IReadOnlyDictionary<string, string>)p.Value.ToDictionary(v => ValueKey(v.Key), v => v.Value, StringComparer.Ordinal));
    }

    /// <summary>Column header (cleaned) → field.</summary>
    public IReadOnlyDictionary<string, TField> Columns { get; }

    /// <summary>Field → constant value.</summary>
    public IReadOnlyDictionary<TField, string> Constants { get; }

    /// <summary>Field → value map (keys cleaned and lower-cased).</summary>
    public IReadOnlyDictionary<TField, IReadOnlyDictionary<string, string>> Values { get; }

    /// <summary>This mapping with another laid over it: its columns and constants win, and its value map of a field is laid over this
    /// one's value by value (its entries win; this one's other entries stay), so a file that maps 特急 → Urgent keeps the built-in
    /// 紧急 → Urgent.</summary>
    /// <param name="overrides">The mapping to lay over this one.</param>
    /// <returns>The combined mapping.</returns>
    public ImportMapping<TField> With(ImportMapping<TField> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var columns = Columns.ToDictionary(StringComparer.Ordinal);
        foreach (var (k, v) in overrides.Columns)
        {
            columns[k] = v;
        }

        var constants = Constants.ToDictionary();
        foreach (var (k, v) in overrides.Constants)
        {
            constants[k] = v;
        }

        // A field's value map is laid over the one beneath it value by value: a file that adds 特急 → Urgent keeps 紧急 → Urgent.
        var values = Values.ToDictionary();
        foreach (var (k, v) in overrides.Values)
        {
            if (values.TryGetValue(k, out var beneath))
            {
                var merged = beneath.ToDictionary(StringComparer.Ordinal);
                foreach (var (from, to) in v)
                {
                    merged[from] = to;
                }

                values[k] = merged;
            }
            else
            {
                values[k] = v;
            }
        }

        return new ImportMapping<TField>(columns, constants, values);
    }

    /// <summary>The field a header maps to, or null when it is not mapped.</summary>
    /// <param name="header">The header as it appears in the table.</param>
    /// <returns>The field, or null.</returns>
    public TField? Resolve(string? header)
    {
        var key = HeaderKey(header);
        if (key.Length == 0)
        {
            return null;
        }

        if (_columns.TryGetValue(key, out var field))
        {
            return field;
        }

        var bare = WithoutBrackets(key);
        return bare.Length > 0 && _columns.TryGetValue(bare, out field) ? field : null;
    }

    /// <summary>Applies the value map of a field to a cleaned cell value.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The cleaned value.</param>
    /// <returns>The mapped value, or the value itself.</returns>
    internal string MapValue(TField field, string value) => MapValue(Values.GetValueOrDefault(field), value);

    /// <summary>Applies a field's value map (from <see cref="Values"/>, looked up once per column by a caller that maps many rows).</summary>
    /// <param name="map">The field's value map, or null when it has none.</param>
    /// <param name="value">The cleaned value.</param>
    /// <returns>The mapped value, or the value itself.</returns>
    internal static string MapValue(IReadOnlyDictionary<string, string>? map, string value) =>
        map is not null && map.TryGetValue(ValueKey(value), out var mapped) ? mapped : value;

    /// <summary>True when <paramref name="field"/> is the enum's zero value, the field of a column that is deliberately ignored.</summary>
    /// <param name="field">The field.</param>
    /// <returns>True for the ignore field.</returns>
    public static bool IsIgnore(TField field) => EqualityComparer<TField>.Default.Equals(field, default);

    /// <summary>True when a header names a column this mapping imports (mapped to a field that is not ignored).</summary>
    /// <param name="header">The header as it appears in the table.</param>
    /// <returns>True when mapped to a field.</returns>
    public bool Maps(string? header) => Resolve(header) is { } field && !IsIgnore(field);

    /// <summary>
    /// The fields two or more columns of a header row are mapped to (ignored columns left out), in the order of their first columns. The
    /// rule every import keeps: each row takes such a field from the first of its columns that holds a value;
    /// <paramref name="readsEvery"/> names a field read from each of its columns instead (the customer's phone), which is not listed.
    /// </summary>
    /// <param name="headers">The header row.</param>
    /// <param name="readsEvery">A field read from every column mapped to it, or null.</param>
    /// <returns>The shared fields, each with its columns and their headers, and its Chinese name.</returns>
    public IReadOnlyList<SharedField> Shared(IReadOnlyList<string> headers, TField? readsEvery = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var chinese = CrmCore.Localization.TextCultures.SimplifiedChinese;
        return [.. FieldColumns(headers)
            .Where(f => f.Value.Length > 1 && !EqualityComparer<TField?>.Default.Equals(f.Key, readsEvery))
            .Select(f => new SharedField(f.Key.ToString(), [.. f.Value.Select(i => i + 1)], [.. f.Value.Select(i => headers[i])])
            {
                ChineseField = FieldHeaders<TField>.Of(f.Key, chinese),
            })];
    }

    /// <summary>The (0-based) columns of each field a header row maps (ignored columns left out), in order, the fields in the order of
    /// their first columns: the one derivation of a header row's columns that <see cref="Shared"/> and the table engine read.</summary>
    /// <param name="headers">The header row.</param>
    /// <returns>Field → its columns.</returns>
    internal List<KeyValuePair<TField, int[]>> FieldColumns(IReadOnlyList<string?> headers)
    {
        var columns = new Dictionary<TField, List<int>>();
        var order = new List<TField>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (Resolve(headers[i]) is not { } field || IsIgnore(field))
            {
                continue;
            }

            if (!columns.TryGetValue(field, out var list))
            {
                columns[field] = list = [];
                order.Add(field);
            }

            list.Add(i);
        }

        return [.. order.Select(f => new KeyValuePair<TField, int[]>(f, [.. columns[f]]))];
    }

    /// <summary>The headers of a header row that are neither mapped nor ignored (blank headers left out), for the report.</summary>
    /// <param name="headers">The header row.</param>
    /// <returns>The unmapped headers, in order.</returns>
    public IReadOnlyList<string> Unmapped(IEnumerable<string> headers) =>
        [.. (headers ?? throw new ArgumentNullException(nameof(headers))).Where(h => !string.IsNullOrWhiteSpace(h) && Resolve(h) is null)];

    internal static string HeaderKey(string? header)
    {
        var clean = TextNormalizer.Fold(header);
        if (clean is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(clean.Length);
        foreach (var c in clean)
        {
            if (!char.IsWhiteSpace(c) && c is not ('*' or '_' or ':' or '：'))
            {
                builder.Append(char.ToLowerInvariant(c == '（' ? '(' : c == '）' ? ')' : c));
            }
        }

        return builder.ToString();
    }

    internal static string ValueKey(string value)
    {
        var clean = TextNormalizer.Fold(value) ?? string.Empty;

        // Most cells (Chinese words, lower-case codes) have no character lower-casing changes: skip the call into the globalisation library.
        foreach (var c in clean)
        {
            if (c is (>= 'A' and <= 'Z') || (c >= '\u0080' && c is < '\u3400' or > '\u9FFF'))
            {
                return clean.ToLowerInvariant();
            }
        }

        return clean;
    }

    private static string WithoutBrackets(string key)
    {
        var open = key.IndexOf('(', StringComparison.Ordinal);
        return open > 0 ? key[..open] : key;
    }
}

