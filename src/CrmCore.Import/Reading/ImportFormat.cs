namespace CrmCore.Import.Reading;

/// <summary>The format of a file to import.</summary>
public enum ImportFormat
{
    /// <summary>From the file name: <c>.xlsx</c> is <see cref="Xlsx"/>, <c>.json</c> <see cref="Json"/>, <c>.jsonl</c> and <c>.ndjson</c> <see cref="JsonLines"/>, anything else <see cref="Csv"/>;
    /// but a zip holding a workbook is read as <see cref="Xlsx"/> whatever its name (<c>book.xls</c>), and an Excel 97-2003 workbook is refused in any format.</summary>
    Auto,

    /// <summary>Comma-separated values (RFC 4180), read with Sylvan.Data.Csv; UTF-8, GB18030/GBK or UTF-16. Tab-separated when the header
    /// line has tabs and no comma (Excel's "Unicode text"). A zip holding a workbook is read as <see cref="Xlsx"/>.</summary>
    Csv,

    /// <summary>An Office Open XML workbook, first sheet, streamed with MiniExcel (merged cells are filled with their value).</summary>
    Xlsx,

    /// <summary>A UTF-8 JSON array of flat objects, one per row (property names are the columns); streamed, bounded in token size and depth.</summary>
    Json,

    /// <summary>UTF-8 JSON Lines: one flat object per line; streamed, bounded in token size and depth.</summary>
    JsonLines,
}
