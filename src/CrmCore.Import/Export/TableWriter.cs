using MiniExcelLibs;

namespace CrmCore.Import.Export;

/// <summary>Writes a table as an .xlsx (one sheet, streamed): the header row first (so an empty table still has it), then every row with
/// each cell through <see cref="CellGuard"/>. What every exporter shares. Thread-safe (stateless).</summary>
internal static class TableWriter
{
    /// <summary>Writes the table.</summary>
    public static void WriteXlsx(IReadOnlyList<string> headers, IEnumerable<string?[]> rows, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(destination);
        destination.SaveAs(Rows(headers, rows), printHeader: false, excelType: ExcelType.XLSX);
    }

    private static IEnumerable<IDictionary<string, object?>> Rows(IReadOnlyList<string> headers, IEnumerable<string?[]> rows)
    {
        yield return headers.ToDictionary(h => h, h => (object?)h, StringComparer.Ordinal);
        foreach (var cells in rows)
        {
            var row = new Dictionary<string, object?>(headers.Count, StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                row[headers[i]] = CellGuard.Neutralise(i < cells.Length ? cells[i] : null);
            }

            yield return row;
        }
    }
}
