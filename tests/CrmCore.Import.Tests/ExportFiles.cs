using MiniExcelLibs;

namespace CrmCore.Import.Tests;

/// <summary>What the export tests share: an exporter's file in memory, and every cell of a written sheet as text.</summary>
internal static class ExportFiles
{
    /// <summary>Runs an exporter into a memory stream, rewound for reading.</summary>
    public static MemoryStream Write(Action<Stream> write)
    {
        var file = new MemoryStream();
        write(file);
        file.Position = 0;
        return file;
    }

    /// <summary>Every cell of the sheet, row by row, header row included (blank cells as empty text).</summary>
    public static List<string> Cells(Stream file) =>
        [.. file.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().SelectMany(r => r.Values).Select(v => v?.ToString() ?? string.Empty)];
}
