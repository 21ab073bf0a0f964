using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Normalization;

namespace CrmCore.Import.Tables;

/// <summary>The header row of a table as a mapping reads it: the headers in order and the columns of each mapped field, in order (a
/// field two columns are mapped to is read, row by row, from the first of them that holds a value: <see cref="FieldReader{TField}"/>,
/// the rule of every import, <see cref="SharedField"/>).</summary>
/// <typeparam name="TField">The entity's field enum.</typeparam>
internal sealed class TableColumns<TField>
    where TField : struct, Enum
{
    private readonly Dictionary<TField, int[]> _index;
    private readonly bool[] _reads;

    private TableColumns(IReadOnlyList<string> headers, List<KeyValuePair<TField, int[]>> index, int line)
    {
        Headers = headers;
        _index = new Dictionary<TField, int[]>(index);
        _reads = new bool[headers.Count];
        foreach (var column in index.SelectMany(f => f.Value))
        {
            _reads[column] = true;
        }

        Line = line;
    }

    /// <summary>The cleaned headers, in order.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The header row's line.</summary>
    public int Line { get; }

    /// <summary>Header → field name, for every mapped column (each column of a shared field too).</summary>
    public IReadOnlyDictionary<string, string> Mapped
    {
        get
        {
            var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (mappedField, columns) in _index)
            {
                foreach (var column in columns)
                {
                    mapped[Headers[column]] = mappedField.ToString();
                }
            }

            return mapped;
        }
    }

    /// <summary>Reads a row as a header row: one that names at least <see cref="HeaderSearch.Threshold"/> fields of the mapping; null otherwise.</summary>
    public static TableColumns<TField>? TryRead(SourceRow row, ImportMapping<TField> mapping)
    {
        var index = mapping.FieldColumns(row.Cells);
        return index.Count < HeaderSearch.Threshold ? null : new TableColumns<TField>([.. row.Cells.Select(c => TextNormalizer.Clean(c) ?? string.Empty)], index, row.Line);
    }

    /// <summary>Whether a row reads a (0-based) column: a column of a mapped field, unless an earlier column of the same field holds a
    /// value in this row, which the row takes instead (<see cref="SharedField"/>).</summary>
    public bool Reads(SourceRow row, int column)
    {
        if (column < 0 || column >= _reads.Length || !_reads[column])
        {
            return false;
        }

        foreach (var columns in _index.Values)
        {
            var at = Array.IndexOf(columns, column);
            for (var k = 0; k < at; k++)
            {
                if (BlankCell.Read(row[columns[k]]) is not null)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The columns of a field, in the order a row tries them.</summary>
    public bool TryGetColumns(TField field, out int[] columns) => _index.TryGetValue(field, out columns!);

    /// <summary>True when a row repeats this header row: mapped cells equal to their headers in two or more fields (a field two columns
    /// are mapped to counts once, so a row naming only that field's headers is data).</summary>
    public bool IsRepeatedHeader(SourceRow row)
    {
        var equal = 0;
        foreach (var columns in _index.Values)
        {
            foreach (var i in columns)
            {
                if (i < row.Cells.Length && string.Equals(TextNormalizer.Clean(row.Cells[i]), Headers[i], StringComparison.Ordinal))
                {
                    if (++equal == 2)
                    {
                        return true;
                    }

                    break;
                }
            }
        }

        return false;
    }
}
