namespace CrmCore.Import.Reading;

/// <summary>What a file's first bytes say it is, whatever its name.</summary>
internal enum ContentKind
{
    /// <summary>Anything else (text, JSON, or bytes no reader claims).</summary>
    Other,

    /// <summary>An OLE compound file (<c>D0 CF 11 E0 A1 B1 1A E1</c>): an Excel 97-2003 workbook (.xls), or another old Office document.</summary>
    OleCompoundFile,

    /// <summary>A zip archive (<c>PK 03 04</c>): an .xlsx workbook, or another archive.</summary>
    Zip,
}
