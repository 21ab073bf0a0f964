using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Normalization;

namespace CrmCore.Import.Tables;

/// <summary>The header row of a table as a mapping reads it: the headers in order and the column of each mapped field (the first of a
/// field's columns, the rule of every import: <see cref="ImportMapping{TField}.Shared"/>).</summary>
/// <typeparam name="TField">The entity's field enum.</typeparam>
internal sealed class TableColumns<TField>
    where TField : struct, Enum
{
    private readonly Dictionary<TField, int> _index;

    private TableColumns(IReadOnlyList<string> headers, Dictionary<TField, int> index, int line)
    {
        Headers = headers;
        _index = index;
        Line = line;
    }

    /// <summary>The cleaned headers, in order.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The header row's line.</summary>
    public int Line { get; }

    /// <summary>Header → field name, for every mapped column.</summary>
    public IReadOnlyDictionary<string, string> Mapped => _index.ToDictionary(c => Headers[c.Value], c => c.Key.ToString(), StringComparer.Ordinal);

    /// <summary>Reads a row as a header row: one that names at least two fields of the mapping; null otherwise.</summary>
    public static TableColumns<TField>? TryRead(SourceRow row, ImportMapping<TField> mapping)
    {
        var index = new Dictionary<TField, int>();
        for (var i = 0; i < row.Cells.Length; i++)
        {
            if (mapping.Resolve(row.Cells[i]) is { } field && !ImportMapping<TField>.IsIgnore(field))
            {
                index.TryAdd(field, i);
            }
        }

        return index.Count < 2 ? null : new TableColumns<TField>([.. row.Cells.Select(c => TextNormalizer.Clean(c) ?? string.Empty)], index, row.Line);
    }

    /// <summary>Whether a (0-based) column is read: the column of a mapped field (the first of a field's columns).</summary>
    public bool Reads(int column) => _index.ContainsValue(column);

    /// <summary>The column of a field.</summary>
    public bool TryGetIndex(TField field, out int index) => _index.TryGetValue(field, out index);

    /// <summary>True when a row repeats this header row (two or more mapped cells equal to their headers).</summary>
    public bool IsRepeatedHeader(SourceRow row) =>
        _index.Values.Count(i => i < row.Cells.Length && string.Equals(TextNormalizer.Clean(row.Cells[i]), Headers[i], StringComparison.Ordinal)) >= 2;
}
