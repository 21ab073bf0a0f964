namespace CrmCore.Import.Reading;

/// <summary>The format of a file to import.</summary>
public enum ImportFormat
{
    /// <summary>From the file name: <c>.xlsx</c> is <see cref="Xlsx"/>, anything else <see cref="Csv"/>.</summary>
    Auto,

    /// <summary>Comma-separated values (RFC 4180), read with Sylvan.Data.Csv; UTF-8, GB18030/GBK or UTF-16.</summary>
    Csv,

    /// <summary>An Office Open XML workbook, first sheet, streamed with MiniExcel (merged cells are filled with their value).</summary>
    Xlsx,
}
