using System.Globalization;

namespace CrmCore.Import.Reading;

/// <summary>
/// The search for a table's header row that every import makes (the customer import and the table engine): a header row with an unsaved
/// formula stops the import at its cells; the rows passed over are counted, and the first that may be the header an unsaved formula
/// hides (<see cref="RowProblem.InHeaderCandidate"/>) is kept, so that an import that finds no header stops at its formulas rather than
/// with "no header row found". One per import; not thread-safe.
/// </summary>
/// <param name="file">The file name.</param>
/// <param name="culture">The language of the messages.</param>
/// <param name="maxTitleRows">How many rows may be passed over.</param>
/// <param name="maps">Whether the mapping maps a header.</param>
internal sealed class HeaderSearch(string file, CultureInfo? culture, int maxTitleRows, Func<string?, bool> maps)
{
    /// <summary>How many known columns a header row names at least, in every import (the customer import also takes a lone name or id
    /// column).</summary>
    public const int Threshold = 2;

    private RowProblem? _formula;
    private int _titleRows;

    /// <summary>The row taken as the header: when it holds a cell the file does not say (an unsaved formula), its columns cannot be told,
    /// so the import stops there. A title row above it with one is not data and was passed over.</summary>
    /// <param name="row">The header row.</param>
    /// <param name="sheet">The sheet read, or null.</param>
    public void Found(SourceRow row, string? sheet)
    {
        if (row.Problem is { } unreadable)
        {
            throw unreadable.HeaderError(file, sheet, culture);
        }
    }

    /// <summary>A row passed over; past the last row that may be, the import stops at the header candidate's formulas, else with
    /// <paramref name="tooMany"/>.</summary>
    /// <param name="row">The row.</param>
    /// <param name="sheet">The sheet read, or null.</param>
    /// <param name="tooMany">The "no header row in the first rows" error.</param>
    public void PassedOver(SourceRow row, string? sheet, Func<ImportFileException> tooMany)
    {
        _formula ??= RowProblem.InHeaderCandidate(row, maps);
        if (++_titleRows > maxTitleRows)
        {
            throw NotFound(sheet, tooMany);
        }
    }

    /// <summary>The error of a file that ends without a header row: at the header candidate's formulas, else <paramref name="none"/>.</summary>
    /// <param name="sheet">The sheet read, or null.</param>
    /// <param name="none">The "no header row found" error.</param>
    /// <returns>The exception.</returns>
    public ImportFileException NotFound(string? sheet, Func<ImportFileException> none) => _formula?.HeaderError(file, sheet, culture) ?? none();
}
