using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace CrmCore.Import.Reading;

/// <summary>
/// What an .xlsx import learns about a workbook before MiniExcel reads it, in one streamed pass over its shared strings and the worksheet
/// MiniExcel will read, so that no workbook (damaged, hostile, or only odd) can make the read hang or exhaust memory. A 2 KB workbook
/// could otherwise do either: MiniExcel sizes every row by the sheet's declared <c>dimension</c> (16,384 columns when it says
/// <c>A1:XFD…</c>), fills a merged range cell by cell in a dictionary (17 billion cells for <c>A2:XFD1048576</c>), and loads a cell,
/// a shared string or a <c>@@@fileid@@@</c> entry whole.
/// <para>
/// The pass finds the sheet's real extent (its last row and its rightmost cell holding a value, not the dimension it declares) and its
/// merged ranges, and refuses, naming the file, the row and the reason: a value beyond column <see cref="MaxReadColumns"/>, a part that
/// expands to more than
/// <see cref="MaxExpansion"/> times its compressed size (at least <see cref="MinExpandedBytes"/>), a cell or shared string longer than
/// <see cref="MaxCellChars"/> characters, a used range (rows × columns) over <see cref="MaxUsedCells"/> cells, merged ranges covering
/// more than <see cref="MaxMergedCells"/> cells of it, a DTD, or XML that is not well formed. The read that follows is then bounded by
/// that extent (<see cref="TableReader.ReadXlsx"/>) and merged ranges are filled from it, clipped to the used range.
/// </para>
/// </summary>
internal sealed class XlsxInspection
{
    /// <summary>The longest cell text (or shared string) read: 1 MiB characters, as for CSV records and JSON values.</summary>
    public const int MaxCellChars = 1 << 20;

    /// <summary>The most cells (last row × rightmost column holding a value) a sheet's used range may span: 20 million (a million
    /// customers of 20 columns). MiniExcel builds every row as wide as the used range, so one stray value far to the right makes every
    /// row that wide.</summary>
    public const long MaxUsedCells = 20_000_000;

    /// <summary>The most columns read: 256 (A to IV). MiniExcel's cost per row grows faster than its width (measured: 1.8 ms a row at
    /// 256 columns, 10 ms at 1,024), so a value beyond is refused, naming its cell, rather than read slowly.</summary>
    public const int MaxReadColumns = 256;

    /// <summary>The most cells merged ranges may cover inside the used range: 50 million.</summary>
    public const long MaxMergedCells = 50_000_000;

    /// <summary>How many times its compressed size a part may expand to (a spreadsheet's XML compresses 5 to 20 times).</summary>
    public const int MaxExpansion = 100;

    /// <summary>The expanded size every part is allowed whatever its compressed size: 64 MiB.</summary>
    public const long MinExpandedBytes = 64L << 20;

    private const int MaxRows = 1_048_576;
    private const int MaxColumns = 16_384;
    private const string Spreadsheet = "a readable .xlsx workbook";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
    };

    private XlsxInspection(int rows, int columns, List<MergedRange> merges)
    {
        Rows = rows;
        Columns = columns;
        Merges = merges;
    }

    /// <summary>The last row number (1-based) with a value; 0 when no cell holds one.</summary>
    public int Rows { get; }

    /// <summary>How many columns the sheet's values reach (the rightmost such cell's 0-based index + 1); 0 when no cell holds one.</summary>
    public int Columns { get; }

    /// <summary>The merged ranges, clipped to the used range, in the order the sheet lists them.</summary>
    public IReadOnlyList<MergedRange> Merges { get; }

    /// <summary>Inspects a workbook; the stream is left where it was.</summary>
    /// <param name="stream">The workbook; seekable.</param>
    /// <param name="file">The file name, for messages.</param>
    /// <exception cref="ImportFileException">The workbook is damaged, or breaks one of the bounds.</exception>
    public static XlsxInspection Inspect(Stream stream, string file)
    {
        var start = stream.Position;
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var sheet = SheetEntry(archive, file);
            if (archive.GetEntry("xl/sharedStrings.xml") is { } shared)
            {
                Walk(shared, stream.Length, file, sharedStrings: true, null);
            }

            var shape = new Shape();
            Walk(sheet, stream.Length, file, sharedStrings: false, shape);
            return shape.Finish(file);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            throw new ImportFileException(file, 0, 0, $"not {Spreadsheet}: {e.Message}", e);
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>The worksheet MiniExcel reads when it is given no sheet name: the only <c>xl/worksheets/sheet…</c> part, else the first
    /// sheet the workbook lists, through its relationships.</summary>
    private static ZipArchiveEntry SheetEntry(ZipArchive archive, string file)
    {
        var sheets = archive.Entries.Where(e => e.FullName.TrimStart('/').StartsWith("xl/worksheets/sheet", StringComparison.OrdinalIgnoreCase)).ToList();
        if (sheets.Count == 1)
        {
            return sheets[0];
        }

        if (sheets.Count == 0)
        {
            throw new ImportFileException(file, 0, 0, $"not {Spreadsheet}: it holds no worksheet");
        }

        var id = FirstAttribute(archive, "xl/workbook.xml", "sheet", "id", file, null);
        var target = FirstAttribute(archive, "xl/_rels/workbook.xml.rels", "Relationship", "Target", file, ("Id", id));
        if (target is null)
        {
            throw new ImportFileException(file, 0, 0, $"not {Spreadsheet}: the workbook does not say where its first sheet is");
        }

        var path = target.TrimStart('/');
        return sheets.Find(e => string.Equals(e.FullName.TrimStart('/'), path, StringComparison.Ordinal) || string.Equals(e.FullName.TrimStart('/'), "xl/" + path, StringComparison.Ordinal))
            ?? throw new ImportFileException(file, 0, 0, $"not {Spreadsheet}: its first sheet ({target}) is missing");
    }

    /// <summary>An attribute (by local name) of the first element of a local name in a small part, optionally the element whose other
    /// attribute has a value; null when absent.</summary>
    private static string? FirstAttribute(ZipArchive archive, string part, string element, string attribute, string file, (string Name, string? Value)? where)
    {
        if (archive.GetEntry(part) is not { } entry)
        {
            return null;
        }

        using var reader = XmlReader.Create(Bounded(entry, long.MaxValue, file), Settings);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != element)
            {
                continue;
            }

            if (where is { } w && !string.Equals(AttributeByLocalName(reader, w.Name), w.Value, StringComparison.Ordinal))
            {
                continue;
            }

            return AttributeByLocalName(reader, attribute);
        }

        return null;
    }

    private static string? AttributeByLocalName(XmlReader reader, string name)
    {
        for (var i = 0; i < reader.AttributeCount; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.LocalName == name)
            {
                var value = reader.Value;
                reader.MoveToElement();
                return value;
            }
        }

        reader.MoveToElement();
        return null;
    }

    /// <summary>A part's content, refused once it expands past its bound (see the type's remarks).</summary>
    private static BoundedStream Bounded(ZipArchiveEntry entry, long archiveLength, string file)
    {
        var compressed = Math.Max(1, Math.Min(entry.CompressedLength, archiveLength));
        var limit = Math.Max(MinExpandedBytes, compressed * MaxExpansion);
        return new BoundedStream(entry.Open(), limit, () => new ImportFileException(
            file, 0, 0, $"not {Spreadsheet}: its part {entry.FullName} expands to more than {limit / (1 << 20)} MiB ({MaxExpansion} times its compressed size); a damaged or hostile workbook"));
    }

    /// <summary>Reads a part through: every text bounded (per cell of the sheet, per shared string), and for the sheet its rows, cells and
    /// merged ranges.</summary>
    private static void Walk(ZipArchiveEntry entry, long archiveLength, string file, bool sharedStrings, Shape? shape)
    {
        using var reader = XmlReader.Create(Bounded(entry, archiveLength, file), Settings);
        var chunk = new char[4096];
        long textChars = 0;
        var inItem = false;
        var item = sharedStrings ? "si" : "c";
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                // A cell's (or shared string's) runs count together; any other text on its own.
                if (reader.LocalName == item)
                {
                    inItem = !reader.IsEmptyElement;
                    textChars = 0;
                }
                else if (!inItem)
                {
                    textChars = 0;
                }

                shape?.Element(reader, file);
                continue;
            }

            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == item)
            {
                inItem = false;
                continue;
            }

            if (reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace))
            {
                continue;
            }

            // Counted in chunks: a 200 MB text is never held as one string here.
            int read;
            while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
            {
                textChars += read;
                if (textChars > MaxCellChars)
                {
                    var row = shape?.Row ?? 0;
                    var where = sharedStrings ? "a shared string" : inItem ? string.Create(CultureInfo.InvariantCulture, $"a cell of row {row}") : string.Create(CultureInfo.InvariantCulture, $"a text near row {row}");
                    throw new ImportFileException(file, row, 0, $"{where} is longer than {MaxCellChars} characters; a damaged or hostile workbook");
                }
            }
        }
    }

    /// <summary>A merged range: rows 1-based, columns 0-based, both ends included.</summary>
    internal readonly record struct MergedRange(int FirstRow, int FirstColumn, int LastRow, int LastColumn);

    /// <summary>Parses a cell reference (<c>AB12</c>) into a 0-based column and a 1-based row.</summary>
    internal static bool TryParseCell(ReadOnlySpan<char> reference, out int column, out int row)
    {
        column = -1;
        row = 0;
        var i = 0;
        var letters = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            letters = (letters * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (letters > MaxColumns)
            {
                return false;
            }
        }

        if (i == 0 || i == reference.Length || !int.TryParse(reference[i..], NumberStyles.None, CultureInfo.InvariantCulture, out row) || row is < 1 or > MaxRows)
        {
            return false;
        }

        column = letters - 1;
        return true;
    }

    /// <summary>The letters of a 0-based column (0 is A, 255 is IV).</summary>
    internal static string ColumnName(int column)
    {
        var name = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The sheet's extent (of the cells holding a value) and merged ranges, gathered element by element.</summary>
    private sealed class Shape
    {
        private readonly List<MergedRange> _merges = [];
        private int _column = -1;
        private int _columns;
        private int _rows;

        /// <summary>The row being read (1-based).</summary>
        public int Row { get; private set; }

        public void Element(XmlReader reader, string file)
        {
            switch (reader.LocalName)
            {
                case "row":
                    var r = reader.GetAttribute("r");
                    Row = r is null ? Row + 1 : int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
                    if (Row is < 1 or > MaxRows)
                    {
                        throw new ImportFileException(file, 0, 0, $"not {Spreadsheet}: a row numbered '{r}' (rows are 1 to {MaxRows})");
                    }

                    _column = -1;
                    break;
                case "c":
                    var c = reader.GetAttribute("r");
                    if (c is null)
                    {
                        _column++;
                    }
                    else if (!TryParseCell(c, out _column, out _))
                    {
                        throw new ImportFileException(file, Row, 0, $"not {Spreadsheet}: a cell named '{c}'");
                    }

                    // A cell with no content (only a style, as Excel writes formatted empty cells) widens nothing.
                    if (reader.IsEmptyElement)
                    {
                        break;
                    }

                    if (_column >= MaxReadColumns)
                    {
                        throw new ImportFileException(file, Row, _column + 1, string.Create(CultureInfo.InvariantCulture,
                            $"a value in cell {c ?? ColumnName(_column) + Row}, beyond column {ColumnName(MaxReadColumns - 1)} (the {MaxReadColumns}th): at most {MaxReadColumns} columns are read; delete or move it"));
                    }

                    _columns = Math.Max(_columns, _column + 1);
                    _rows = Math.Max(_rows, Row);
                    break;
                case "mergeCell":
                    var reference = reader.GetAttribute("ref") ?? string.Empty;
                    var colon = reference.IndexOf(':', StringComparison.Ordinal);
                    var first = colon < 0 ? reference : reference[..colon];
                    var last = colon < 0 ? reference : reference[(colon + 1)..];
                    if (!TryParseCell(first, out var c1, out var r1) || !TryParseCell(last, out var c2, out var r2))
                    {
                        throw new ImportFileException(file, 0, 0, $"not {Spreadsheet}: a merged range named '{reference}'");
                    }

                    _merges.Add(new MergedRange(Math.Min(r1, r2), Math.Min(c1, c2), Math.Max(r1, r2), Math.Max(c1, c2)));
                    break;
            }
        }

        public XlsxInspection Finish(string file)
        {
            var rows = _rows;
            if ((long)rows * _columns > MaxUsedCells)
            {
                throw new ImportFileException(file, 0, 0, string.Create(CultureInfo.InvariantCulture,
                    $"the sheet's used range is {rows} rows by {_columns} columns, more than {MaxUsedCells:N0} cells: delete the cells far to the right or below the table, or split the file"));
            }

            // Merged ranges matter only where there are cells to fill: clipped to the used range, and bounded there.
            var clipped = new List<MergedRange>(_merges.Count);
            long covered = 0;
            foreach (var m in _merges)
            {
                if (m.FirstRow > rows || m.FirstColumn >= _columns || (m.FirstRow == m.LastRow && m.FirstColumn == m.LastColumn))
                {
                    continue;
                }

                var range = m with { LastRow = Math.Min(m.LastRow, rows), LastColumn = Math.Min(m.LastColumn, _columns - 1) };
                covered += (long)(range.LastRow - range.FirstRow + 1) * (range.LastColumn - range.FirstColumn + 1);
                if (covered > MaxMergedCells)
                {
                    throw new ImportFileException(file, range.FirstRow, range.FirstColumn + 1, string.Create(CultureInfo.InvariantCulture,
                        $"merged ranges cover more than {MaxMergedCells:N0} cells of the sheet: unmerge them (or split the file)"));
                }

                clipped.Add(range);
            }

            return new XlsxInspection(rows, _columns, clipped);
        }
    }

    /// <summary>A read-only stream that refuses to give more than a limit of bytes.</summary>
    private sealed class BoundedStream(Stream inner, long limit, Func<Exception> tooLong) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            _read += read;
            return _read > limit ? throw tooLong() : read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
