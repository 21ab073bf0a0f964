namespace CrmCore.Cli.Output;

/// <summary>
/// Rows of results printed as a table, JSON or CSV. Cell values are <see langword="null"/>, strings, numbers,
/// booleans or lists of strings.
/// </summary>
internal sealed class ResultTable(IReadOnlyList<ResultColumn> columns)
{
    private readonly List<object?[]> _rows = [];

    /// <summary>Gets the columns.</summary>
    public IReadOnlyList<ResultColumn> Columns => columns;

    /// <summary>Gets the rows; each has one cell per column.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>Adds a row.</summary>
    /// <exception cref="ArgumentException">The number of cells differs from the number of columns.</exception>
    public void Add(params object?[] cells)
    {
        if (cells.Length != columns.Count)
        {
            throw new ArgumentException($"Expected {columns.Count} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }
}
