namespace CrmCore.Import.Reading;

/// <summary>One row of a table as read: its 1-based line (CSV record number or worksheet row) and its cells as text.</summary>
/// <param name="Line">The 1-based line or row number.</param>
/// <param name="Cells">The cells; null or empty for blank cells.</param>
internal sealed record SourceRow(int Line, string?[] Cells)
{
    /// <summary>What makes the row unreadable as the file holds it (a JSON key given twice, an .xlsx formula without a saved value);
    /// null for a row read as it is. An importer rejects such a row with this reason (a totals row is skipped all the same).</summary>
    public RowProblem? Problem { get; init; }

    /// <summary>True when every cell is blank.</summary>
    public bool IsBlank => Array.TrueForAll(Cells, string.IsNullOrWhiteSpace);

    /// <summary>The cell at a column, or null past the end.</summary>
    public string? this[int column] => column < Cells.Length ? Cells[column] : null;
}
