using System.Globalization;
using CrmCore.Import.Localization;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Normalization;
using NodaTime;

namespace CrmCore.Import.Assets;

/// <summary>Reads the cells of one asset row, keeping the first problem as a rejection naming the line, the column and the reason.</summary>
internal sealed class CellReader(SourceRow source, IReadOnlyDictionary<AssetColumn, int> columns, IReadOnlyList<string> headers, CultureInfo? culture)
{
    /// <summary>The rejection for the first problem found, or null.</summary>
    public ImportRowResult? Problem { get; private set; }

    /// <summary>The cleaned text of a column, or null when the column is missing or the cell blank.</summary>
    public string? Text(AssetColumn column) => columns.TryGetValue(column, out var i) ? TextNormalizer.Clean(source[i]) : null;

    /// <summary>A required text of at most <paramref name="max"/> characters.</summary>
    public string? Required(AssetColumn column, int max)
    {
        var text = Text(column);
        if (text is null)
        {
            Fail(column, ImportStrings.Format("Reason_Required", culture, Header(column)));
            return null;
        }

        return Limit(column, text, max);
    }

    /// <summary>An optional text of at most <paramref name="max"/> characters.</summary>
    public string? Optional(AssetColumn column, int max) => Text(column) is { } text ? Limit(column, text, max) : null;

    /// <summary>A date (2026-03-01, 2026/3/1, 2026年3月1日 or an Excel serial).</summary>
    public LocalDate? Date(AssetColumn column, bool required)
    {
        var text = Text(column);
        if (text is null)
        {
            if (required)
            {
                Fail(column, ImportStrings.Format("Reason_Required", culture, Header(column)));
            }

            return null;
        }

        if (DateNormalizer.TryParse(text, out var date))
        {
            return date;
        }

        Fail(column, ImportStrings.Format("Reason_Date", culture, text));
        return null;
    }

    /// <summary>A rejection of the row at a column.</summary>
    public ImportRowResult Reject(AssetColumn column, string reason)
    {
        var index = columns.TryGetValue(column, out var i) ? i : -1;
        return new ImportRowResult
        {
            Line = source.Line,
            Outcome = ImportOutcome.Rejected,
            Column = index >= 0 ? headers[index] : column.ToString(),
            ColumnNumber = index + 1,
            Reason = reason,
            Cells = source.Cells,
        };
    }

    private string Header(AssetColumn column) => columns.TryGetValue(column, out var i) ? headers[i] : column.ToString();

    private string? Limit(AssetColumn column, string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        Fail(column, ImportStrings.Format("Reason_TooLong", culture, text[..Math.Min(text.Length, 40)], max));
        return null;
    }

    private void Fail(AssetColumn column, string reason) => Problem ??= Reject(column, reason);
}
