namespace CrmCore.Import.Reading;

/// <summary>
/// The rows of a table whose reader learns how many rows there are before it gives the first (an .xlsx sheet once it is inspected,
/// a JSON file after its first pass), so an import can size its duplicate index once rather than let it grow by doubling (each
/// doubling leaves the old tables on the large object heap until a full collection: for an import of a million rows, tens of
/// megabytes at the peak).
/// </summary>
internal sealed class CountedRows : IEnumerable<SourceRow>
{
    private readonly Func<Action<int>, Action<string?, IReadOnlyList<string>>, IEnumerable<SourceRow>> _read;
    private int _rows = -1;

    /// <summary>Wraps a reader that reports the row count through the callback it is given.</summary>
    public CountedRows(Func<Action<int>, IEnumerable<SourceRow>> read) => _read = (rows, _) => read(rows);

    /// <summary>Wraps a workbook reader that reports the row count and the sheet it reads (with the workbook's other visible sheets)
    /// through the callbacks it is given.</summary>
    public CountedRows(Func<Action<int>, Action<string?, IReadOnlyList<string>>, IEnumerable<SourceRow>> read) => _read = read;

    /// <summary>The sheet read, as the workbook names it; null until the reader knows, and for a table that is not a workbook.</summary>
    public string? Sheet { get; private set; }

    /// <summary>The workbook's other visible sheets, which are not read; empty until the reader knows.</summary>
    public IReadOnlyList<string> OtherSheets { get; private set; } = [];

    /// <summary>The rows of the table (title and header rows included), or null until the reader knows.</summary>
    public int? Rows => Volatile.Read(ref _rows) is >= 0 and var rows ? rows : null;

    /// <inheritdoc/>
    public IEnumerator<SourceRow> GetEnumerator() => _read(
        rows => Volatile.Write(ref _rows, rows),
        (sheet, others) =>
        {
            Sheet = sheet;
            OtherSheets = others;
        }).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
