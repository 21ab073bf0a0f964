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
    /// the sheet, and every cell of the row with an unsaved formula (this one and the later ones, <see cref="Next"/>) with its formula, at
    /// this cell's line:col, and saying to open and save the workbook (the headers they give cannot be read, so neither can the columns);
    /// for another problem, <see cref="Error"/>.</summary>
    /// <param name="file">The file name.</param>
    /// <param name="sheet">The sheet read (<see cref="CountedRows.Sheet"/>), or null.</param>
    /// <param name="culture">The language of the message.</param>
    /// <returns>The exception.</returns>
    public ImportFileException HeaderError(string file, string? sheet, System.Globalization.CultureInfo? culture)
    {
        if (Formula is null)
        {
            return Error(file);
        }

        var formulas = Formulas().ToList();
        return new(file, Line, Position, ImportStrings.Format(
            formulas.Count == 1 ? "Error_HeaderFormulaNoValue" : "Error_HeaderFormulasNoValue",
            culture,
            Line,
            string.Join(", ", formulas.Select(p => TableReader.ColumnName(p.Position - 1) + p.Line.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            sheet ?? string.Empty,
            string.Join(", ", formulas.Select(p => p.Formula))));
    }

    /// <summary>The unsaved formulas of a row passed over while no header row was found, when the row may be the header they hide: its
    /// cells the mapping maps and its cells with an unsaved formula are together as many as a header names (<see cref="HeaderSearch.Threshold"/>),
    /// and it holds no other text (<c>联系方式</c> beside <c>=CONCAT("客户","名称")</c> may be the header; a title row
    /// <c>负责人 | 张三 | =TODAY()</c> is not). An import that then finds no header stops at them (<see cref="HeaderError"/>) rather
    /// than with "no header row found"; null for any other row.</summary>
    /// <param name="row">The row passed over.</param>
    /// <param name="maps">Whether the mapping maps a header (<see cref="Mapping.ImportMapping{TField}.Maps"/>).</param>
    /// <returns>The row's first unsaved formula (the later ones follow it), or null.</returns>
    public static RowProblem? InHeaderCandidate(SourceRow row, Func<string?, bool> maps)
    {
        if (row.Problem?.Formulas().ToList() is not [var first, ..] formulas)
        {
            return null;
        }

        var formulaColumns = formulas.Select(p => p.Column).ToHashSet();
        var mapped = 0;
        for (var i = 0; i < row.Cells.Length; i++)
        {
            if (formulaColumns.Contains(i))
            {
                continue;
            }

            if (maps(row.Cells[i]))
            {
                mapped++;
            }
            else if (Normalization.TextNormalizer.Clean(row.Cells[i]) is not null)
            {
                return null;
            }
        }

        return mapped + formulaColumns.Count >= HeaderSearch.Threshold ? first : null;
    }

    /// <summary>This problem and the later ones of its row that are unsaved formulas in a known column.</summary>
    private IEnumerable<RowProblem> Formulas()
    {
        for (var problem = this; problem is not null; problem = problem.Next)
        {
            if (problem.Formula is not null && !problem.AnyColumn)
            {
                yield return problem;
            }
        }
    }

    /// <summary>The same row's problem in a later column (each repeated JSON key, each unsaved formula), or null.</summary>
    public RowProblem? Next { get; init; }

    /// <summary>True when the column it names cannot be told (an .xlsx row's unsaved formulas beyond the columns the inspection keeps
    /// apart): it counts for any column, so the row is rejected rather than read with a blank the file does not mean.</summary>
    public bool AnyColumn { get; init; }

    /// <summary>The first of this row's problems in a column the import reads; null when every problem is in a column it ignores (an
    /// unmapped helper column: nothing of it is read, so nothing is lost).</summary>
    /// <param name="state">What <paramref name="reads"/> needs (passed on, so that a caller's rows need no closure each).</param>
    /// <param name="reads">Whether the import reads a (0-based) column, given <paramref name="state"/>.</param>
    public RowProblem? FirstRead<TState>(TState state, Func<TState, int, bool> reads)
    {
        for (var problem = this; problem is not null; problem = problem.Next)
        {
            if (problem.AnyColumn || reads(state, problem.Column))
            {
                return problem;
            }
        }

        return null;
    }
}
