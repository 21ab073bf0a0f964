using CrmCore.Import.Localization;

namespace CrmCore.Import.Reading;

/// <summary>
/// What makes one row of a file unreadable as it stands, found by the reader (a JSON key given twice in one object, two keys of one
/// column in one object, an .xlsx formula without a saved value): the importers reject that row only, with this reason, and read the
/// rest. The header row with a problem stops the import instead (<see cref="Error"/>): its columns cannot be told; a title row above
/// it with one is passed over, as title rows are (it is not data).
/// Immutable.
/// </summary>
/// <param name="Column">The 0-based column of the cell at fault, whose header the report names.</param>
/// <param name="Reason">The reason's code and text, in the import's language.</param>
/// <param name="Line">The file's line of the fault (the second key's line; the sheet row).</param>
/// <param name="Position">The 1-based column of the fault on that line (characters for JSON, the sheet column for .xlsx).</param>
internal sealed record RowProblem(int Column, RowReason Reason, int Line, int Position)
{
    /// <summary>The error that stops an import at this problem, naming the file and the line:col.</summary>
    /// <param name="file">The file name.</param>
    /// <returns>The exception.</returns>
    public ImportFileException Error(string file) => new(file, Line, Position, Reason.Text);

    /// <summary>The formula of an .xlsx cell without a saved value, as the reason shows it (<c>=SUM(100,200)</c>, <c>=…</c>); null for
    /// another problem.</summary>
    public string? Formula { get; init; }

    /// <summary>The error that stops an import whose header row holds this problem: for an unsaved formula, one naming the header row,
    /// the sheet, the cell and its formula at the cell's line:col, and saying to open and save the workbook (the header it gives cannot be
    /// read, so neither can the columns); for another problem, <see cref="Error"/>.</summary>
    /// <param name="file">The file name.</param>
    /// <param name="sheet">The sheet read (<see cref="CountedRows.Sheet"/>), or null.</param>
    /// <param name="culture">The language of the message.</param>
    /// <returns>The exception.</returns>
    public ImportFileException HeaderError(string file, string? sheet, System.Globalization.CultureInfo? culture) =>
        Formula is null
            ? Error(file)
            : new(file, Line, Position, ImportStrings.Format(
                "Error_HeaderFormulaNoValue",
                culture,
                Line,
                TableReader.ColumnName(Position - 1) + Line.ToString(System.Globalization.CultureInfo.InvariantCulture),
                sheet ?? string.Empty,
                Formula));

    /// <summary>The unsaved formula of a row passed over while no header row was found, when the row may be the header it hides: it
    /// holds such a formula and a cell the mapping maps (<c>联系方式</c> beside <c>=CONCAT("客户","名称")</c>: without the formula's result
    /// it names too few columns to be a header). An import that then finds no header stops at it (<see cref="HeaderError"/>) rather
    /// than with "no header row found"; null for any other row.</summary>
    /// <param name="row">The row passed over.</param>
    /// <param name="maps">Whether the mapping maps a header (<see cref="Mapping.ImportMapping{TField}.Maps"/>).</param>
    /// <returns>The row's first unsaved formula, or null.</returns>
    public static RowProblem? InHeaderCandidate(SourceRow row, Func<string?, bool> maps) =>
        row.Problem is { Formula: not null } problem && Array.Exists(row.Cells, c => maps(c)) ? problem : null;

    /// <summary>The same row's problem in a later column (each repeated JSON key, each unsaved formula), or null.</summary>
    public RowProblem? Next { get; init; }

    /// <summary>True when the column it names cannot be told (an .xlsx row's unsaved formulas beyond the columns the inspection keeps
    /// apart): it counts for any column, so the row is rejected rather than read with a blank the file does not mean.</summary>
    public bool AnyColumn { get; init; }

    /// <summary>The first of this row's problems in a column the import reads; null when every problem is in a column it ignores (an
    /// unmapped helper column: nothing of it is read, so nothing is lost).</summary>
    /// <param name="reads">Whether the import reads a (0-based) column.</param>
    public RowProblem? FirstRead(Func<int, bool> reads)
    {
        for (var problem = this; problem is not null; problem = problem.Next)
        {
            if (problem.AnyColumn || reads(problem.Column))
            {
                return problem;
            }
        }

        return null;
    }
}
