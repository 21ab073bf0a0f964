using System.Globalization;
using System.IO.Compression;
using System.Xml;
using CrmCore.Import.Localization;

namespace CrmCore.Import.Reading;

/// <summary>
/// What an .xlsx import does with a workbook before MiniExcel reads it, so that no workbook (damaged, hostile, or only odd) can make the
/// read hang or exhaust memory. MiniExcel alone could be made to do either by a file of a few kilobytes: it sizes every row by the
/// sheet's declared <c>dimension</c>, fills a merged range cell by cell in a dictionary, loads every sheet record, style and shared
/// string, and hands out a copy of a shared string for every cell that refers to it.
/// <para>
/// One streamed pass reads one sheet (the first visible <c>sheet</c> the workbook lists that holds a value, through its relationships;
/// hidden sheets never), its shared strings and its styles, checks them, and copies exactly what it read into a new one-sheet workbook in a temporary file (deleted on dispose); MiniExcel
/// reads that copy, never the original, so what it reads is what was checked. The pass finds the sheet's real extent (the last row and
/// the rightmost column whose cell holds text or a value, not the dimension it declares) and its merged ranges, and refuses, naming
/// the file, the row and the reason: rows out of order; a cell holding text that MiniExcel would read in another column than the sheet
/// places it (cells without an <c>r</c> attribute mixed with cells that have one, or after a <c>dimension</c>), or a cell read over
/// another's value; a value beyond column <see cref="MaxReadColumns"/>; a cell longer than
/// <see cref="MaxCellChars"/> characters or a row's cells together longer than <see cref="MaxRowChars"/> (shared strings counted
/// as often as cells use them); a used range over <see cref="MaxUsedCells"/> cells; merged ranges covering more than
/// <see cref="MaxMergedCells"/> of its cells; more than <see cref="MaxStyles"/> cell styles; a part expanding to more than
/// <see cref="MaxExpansion"/> times its compressed size (and over <see cref="MinExpandedBytes"/>); elements nested deeper than
/// <see cref="MaxDepth"/>; a DTD; XML that is not well formed. A formula cell without a saved value (it would read as blank) is no
/// reason to refuse the workbook: its row is given a <see cref="RowProblem"/> (<see cref="ProblemAt"/>), which the importers reject,
/// naming the cell; a sheet whose only cells are such formulas is refused at the first.
/// </para>
/// </summary>
internal sealed class XlsxInspection : IDisposable
{
    /// <summary>The longest cell text read: 32,767 characters, Excel's own limit for a cell.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>The most text one row's cells may hold together: 1 MiB characters, as for a CSV record.</summary>
    public const int MaxRowChars = TableReader.MaxRecordChars;

    /// <summary>The most cells (last row × rightmost column holding a value) a sheet's used range may span: 20 million (a million
    /// customers of 20 columns). MiniExcel builds every row as wide as the used range.</summary>
    public const long MaxUsedCells = 20_000_000;

    /// <summary>The most columns read: 256 (A to IV). MiniExcel's cost per row grows faster than its width (measured: 1.8 ms a row at
    /// 256 columns, 10 ms at 1,024), so a value beyond is refused, naming its cell, rather than read slowly.</summary>
    public const int MaxReadColumns = 256;

    /// <summary>The most cells merged ranges may cover inside the used range: 50 million.</summary>
    public const long MaxMergedCells = 50_000_000;

    /// <summary>The most cell styles (<c>xf</c> elements) the styles part may hold: 65,536 (Excel allows about 64,000).</summary>
    public const int MaxStyles = 65_536;

    /// <summary>How many times its compressed size a part may expand to (a spreadsheet's XML compresses 5 to 20 times).</summary>
    public const int MaxExpansion = 100;

    /// <summary>The expanded size every part is allowed whatever its compressed size: 64 MiB.</summary>
    public const long MinExpandedBytes = 64L << 20;

    /// <summary>The most a part may expand to whatever its compressed size: 1 GiB (a million rows of 11 columns are about 150 MB).</summary>
    public const long MaxPartBytes = 1L << 30;

    /// <summary>The most all the parts read may expand to together (and the copy may hold): 1.5 GiB.</summary>
    public const long MaxTotalBytes = 3L << 29;

    /// <summary>The deepest element nesting read (a sheet's cell text sits at depth 6).</summary>
    public const int MaxDepth = 32;

    private const int MaxRows = 1_048_576;
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string Office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictOffice = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
    };

    private readonly List<SheetEntry> _sheets;
    private readonly List<UnsavedFormula> _unsaved;
    private readonly CultureInfo _culture;
    private int _nextUnsaved;

    private XlsxInspection(Stream package, int rows, int columns, List<MergedRange> merges, string? sheet, List<SheetEntry> sheets, List<UnsavedFormula> unsaved, CultureInfo culture)
    {
        _sheets = sheets;
        _unsaved = unsaved;
        _culture = culture;
        Package = package;
        Rows = rows;
        Columns = columns;
        Merges = merges;
        Sheet = sheet;
    }

    /// <summary>The name of the sheet read, as the workbook lists it; null when the workbook lists none.</summary>
    public string? Sheet { get; }

    /// <summary>The workbook's other visible sheets, in its order: not read (one sheet is), so the report names them.</summary>
    public IReadOnlyList<string> OtherVisibleSheets =>
        [.. _sheets.Where(s => !s.Hidden && s.Name is not null && !string.Equals(s.Name, Sheet, StringComparison.Ordinal)).Select(s => s.Name!)];

    /// <summary>The one-sheet workbook MiniExcel reads: the inspected sheet, shared strings and styles, nothing else; at position 0.</summary>
    public Stream Package { get; }

    /// <summary>The last row number (1-based) with a value; 0 when no cell holds one.</summary>
    public int Rows { get; }

    /// <summary>How many columns the sheet's values reach (the rightmost such cell's 0-based index + 1); 0 when no cell holds one.</summary>
    public int Columns { get; }

    /// <summary>The merged ranges, clipped to the used range, in the order the sheet lists them.</summary>
    public IReadOnlyList<MergedRange> Merges { get; }

    /// <summary>Deletes the copy.</summary>
    public void Dispose() => Package.Dispose();

    /// <summary>
    /// Why a row cannot be read as the sheet holds it: its first cell holding a formula whose result the file does not hold (written by a
    /// program and never saved in a spreadsheet, which MiniExcel reads as blank), named with its formula; null for a row without one.
    /// Rows are asked for in increasing order (as they are read).
    /// </summary>
    /// <param name="row">The 1-based row number.</param>
    /// <returns>The problem, or null.</returns>
    public RowProblem? ProblemAt(int row)
    {
        while (_nextUnsaved < _unsaved.Count && _unsaved[_nextUnsaved].Row < row)
        {
            _nextUnsaved++;
        }

        return _nextUnsaved < _unsaved.Count && _unsaved[_nextUnsaved].Row == row ? _unsaved[_nextUnsaved].Problems(_culture) : null;
    }

    /// <summary>A row's first formula cell without a saved value: its row, its column (0-based) and the start of its formula (null when
    /// the formulas kept already hold <see cref="MaxFormulaChars"/> characters, or the cell names a shared formula).</summary>
    /// <remarks>The row's later such cells are kept as bits of <see cref="Later"/> (columns 1–63 after the first's), so a sheet of formulas
    /// costs 24 bytes a row however many it holds; the first one further right than that is <see cref="Beyond"/> (its column; -1 for none),
    /// which counts for any column, as the ones after it are not kept apart.</remarks>
    private readonly record struct UnsavedFormula(int Row, int Column, string? Formula, ulong Later = 0, int Beyond = -1)
    {
        public RowProblem Problem(CultureInfo culture) => Problem(culture, Column, Formula);

        /// <summary>The row's problems, first column first, each later one chained (<see cref="RowProblem.Next"/>).</summary>
        public RowProblem Problems(CultureInfo culture)
        {
            RowProblem? next = Beyond >= 0 ? Problem(culture, Beyond, null) with { AnyColumn = true } : null;
            for (var bit = 63; bit >= 1; bit--)
            {
                if ((Later & (1UL << bit)) != 0)
                {
                    next = Problem(culture, Column + bit, null) with { Next = next };
                }
            }

            return Problem(culture, Column, Formula) with { Next = next };
        }

        /// <summary>Marks a later unsaved cell of the same row.</summary>
        public UnsavedFormula With(int column) =>
            column - Column is > 0 and < 64 and var bit ? this with { Later = Later | (1UL << bit) }
            : column > Column && Beyond < 0 ? this with { Beyond = column } : this;

        private RowProblem Problem(CultureInfo culture, int column, string? formula)
        {
            var shown = "=" + (string.IsNullOrEmpty(formula) ? "…" : formula);
            return new(column, ImportReasons.FormulaNoValue.Format(culture, TableReader.ColumnName(column) + Row.ToString(CultureInfo.InvariantCulture), shown), Row, column + 1)
            {
                Formula = shown,
            };
        }
    }

    /// <summary>How many characters of formulas without a saved value are kept for the reasons (about 2 MB): past it a row's reason shows
    /// <c>=…</c>, so a script-written sheet of a million such rows costs 16 bytes a row.</summary>
    private const int MaxFormulaChars = 1 << 20;

    /// <summary>Inspects a workbook and copies what MiniExcel may read into the system's temporary folder
    /// (<see cref="Path.GetTempPath"/>); the stream is left where it was.</summary>
    /// <param name="stream">The workbook; seekable.</param>
    /// <param name="file">The file name, for messages.</param>
    /// <param name="culture">The language of the messages that have one (the copy that cannot be written, a cell read elsewhere or over
    /// another, a second <c>sheetData</c>); default <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <exception cref="ImportFileException">The workbook is damaged, or breaks one of the bounds; or the copy cannot be written (named
    /// as such, with the folder and the system's reason, and no row).</exception>
    public static XlsxInspection Inspect(Stream stream, string file, CultureInfo? culture = null) =>
        Inspect(stream, file, Path.GetTempPath(), static (path, options) => new FileStream(path, options), culture);

    /// <summary>
    /// Inspects a workbook, its copy made in <paramref name="folder"/> by <paramref name="create"/> (a seam for tests). The sheet read is
    /// the first visible one the workbook lists that holds a value (the first visible one when none does); a hidden sheet is never read,
    /// and when only hidden sheets hold values the inspection stops, naming them.
    /// </summary>
    internal static XlsxInspection Inspect(Stream stream, string file, string folder, Func<string, FileStreamOptions, Stream> create, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var inspection = Inspect(stream, file, folder, create, culture, 0, hidden: false);
        for (var next = 1; inspection.Rows == 0 && next < inspection._sheets.Count(s => !s.Hidden); next++)
        {
            inspection.Dispose();
            inspection = Inspect(stream, file, folder, create, culture, next, hidden: false);
        }

        if (inspection.Rows == 0 && inspection._sheets.Any(s => s.Hidden))
        {
            // Nothing visible to read: a hidden sheet that holds values is named, never read.
            var sheets = inspection._sheets;
            var visible = string.Join(", ", sheets.Where(s => !s.Hidden).Select(s => s.Name));
            for (var i = 0; i < sheets.Count(s => s.Hidden); i++)
            {
                using var hiddenSheet = Inspect(stream, file, folder, create, culture, i, hidden: true);
                if (hiddenSheet.Rows > 0)
                {
                    inspection.Dispose();
                    throw new ImportFileException(file, 0, 0, ImportStrings.Format("Error_XlsxHiddenSheetHoldsData", culture, hiddenSheet.Sheet, visible));
                }
            }
        }

        return inspection;
    }

    /// <summary>Inspects the <paramref name="index"/>th visible (or hidden) sheet the workbook lists.</summary>
    private static XlsxInspection Inspect(Stream stream, string file, string folder, Func<string, FileStreamOptions, Stream> create, CultureInfo culture, int index, bool hidden)
    {
        var start = stream.Position;
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 1 << 16,
            Options = FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            // The customers' data, readable by this user only.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        TemporaryCopy copy;
        try
        {
            copy = new TemporaryCopy(create(Path.Combine(folder, $"crmcore-xlsx-{Guid.NewGuid():N}.xlsx"), options), folder, file, culture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw TemporaryCopy.Failed(folder, file, culture, e);
        }

        try
        {
            Shape shape;
            List<SheetEntry> sheets;
            SheetEntry sheet;
            using (var source = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
            using (var target = new ZipArchive(copy, ZipArchiveMode.Create, leaveOpen: true))
            {
                var parts = new Parts(source, stream.Length, file, culture);
                var sharedLengths = new List<int>();
                if (parts.Find("sharedStrings") is { } shared)
                {
                    parts.Copy(shared, target, "xl/sharedStrings.xml", reader => SharedStrings(reader, file, sharedLengths, culture));
                }

                if (parts.Find("styles") is { } styles)
                {
                    parts.Copy(styles, target, "xl/styles.xml", reader => Styles(reader, file, culture));
                }
                else
                {
                    // MiniExcel reads styles whenever a cell names one; an empty style sheet stands in for a missing part.
                    Write(target, "xl/styles.xml", $"<styleSheet xmlns=\"{Main}\"><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>");
                }

                shape = new Shape(sharedLengths, file, culture, copy);
                sheets = parts.Sheets();
                var candidates = sheets.Where(s => s.Hidden == hidden).ToList();
                sheet = candidates.Count > index ? candidates[index]
                    : sheets.Count == 0 ? new SheetEntry(parts.OnlySheet(), null, false)
                    : throw new ImportFileException(file, 0, 0, ImportStrings.Format("Error_XlsxHiddenSheetHoldsData", culture, sheets[0].Name, string.Empty));
                parts.Copy(sheet.Entry, target, "xl/worksheets/sheet1.xml", shape.Read);
                Write(target, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
                Write(target, "_rels/.rels", $"<Relationships xmlns=\"{PackageRelationships}\"><Relationship Id=\"rId1\" Type=\"{Office}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
                Write(target, "xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Office}\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
                Write(target, "xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"{PackageRelationships}\"><Relationship Id=\"rId1\" Type=\"{Office}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            }

            var (rows, columns, merges, unsaved) = shape.Finish();
            copy.Position = 0;
            return new XlsxInspection(copy, rows, columns, merges, sheet.Name, sheets, unsaved, culture);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            TemporaryCopy.Discard(copy);
            throw new ImportFileException(file, 0, 0, ImportStrings.Format("Error_XlsxUnreadable", culture, e.Message), e);
        }
        catch
        {
            TemporaryCopy.Discard(copy);
            throw;
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static void Write(ZipArchive target, string name, string text)
    {
        using var writer = new StreamWriter(target.CreateEntry(name, CompressionLevel.NoCompression).Open());
        writer.Write(text);
    }

    /// <summary>Reads the shared strings: each one's text length (every <c>t</c> it holds) kept for the sheet's row bound.</summary>
    private static void SharedStrings(XmlReader reader, string file, List<int> lengths, CultureInfo culture)
    {
        var walk = new TextWalk(reader, file, "si", 1, culture);
        while (walk.Next())
        {
            if (walk.EndedItem)
            {
                lengths.Add((int)walk.ItemChars);
            }
        }
    }

    /// <summary>Reads the styles: at most <see cref="MaxStyles"/> cell styles.</summary>
    private static void Styles(XmlReader reader, string file, CultureInfo culture)
    {
        var walk = new TextWalk(reader, file, item: null, -1, culture);
        var styles = 0;
        while (walk.Next())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "xf" && ++styles > MaxStyles)
            {
                throw new ImportFileException(file, 0, 0, ImportStrings.Format("Error_XlsxTooManyStyles", culture, MaxStyles));
            }
        }
    }

    /// <summary>A sheet the workbook lists: its part, its name (null when the workbook lists none) and whether it is hidden.</summary>
    internal readonly record struct SheetEntry(ZipArchiveEntry Entry, string? Name, bool Hidden);

    /// <summary>A merged range: rows 1-based, columns 0-based, both ends included.</summary>
    internal readonly record struct MergedRange(int FirstRow, int FirstColumn, int LastRow, int LastColumn);

    /// <summary>Parses a cell reference (<c>AB12</c>) into a 0-based column and a 1-based row.</summary>
    internal static bool TryParseCell(ReadOnlySpan<char> reference, out int column, out int row)
    {
        row = 0;
        var letters = reference.IndexOfAnyExceptInRange('A', 'Z');
        column = letters > 0 ? TableReader.ColumnIndex(reference[..letters]) : -1;
        return column >= 0 && int.TryParse(reference[letters..], NumberStyles.None, CultureInfo.InvariantCulture, out row) && row is >= 1 and <= MaxRows;
    }

    /// <summary>The source workbook's parts: found through its relationships (names compared as the package's are), copied while read.</summary>
    private sealed class Parts(ZipArchive source, long archiveLength, string file, CultureInfo culture)
    {
        private readonly long[] _expanded = new long[1];
        private Dictionary<string, (string Type, string Target)>? _relationships;
        private Dictionary<string, ZipArchiveEntry>? _entries;

        /// <summary>The sheets the workbook lists (its <c>sheets</c>, through their relationship ids), in order, each with its name and
        /// whether it is hidden (<c>state</c> hidden or veryHidden); a sheet whose part cannot be found is left out.</summary>
        public List<SheetEntry> Sheets()
        {
            var sheets = new List<SheetEntry>();
            foreach (var (id, name, hidden) in ListedSheets())
            {
                if (Relationships().TryGetValue(id, out var sheet) && Entry(sheet.Target) is { } entry)
                {
                    sheets.Add(new SheetEntry(entry, name, hidden));
                }
            }

            return sheets;
        }

        /// <summary>The only worksheet part, for a workbook that lists no sheet it holds.</summary>
        public ZipArchiveEntry OnlySheet()
        {
            var sheets = source.Entries.Where(e => Name(e.FullName).StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
            return sheets.Count == 1 ? sheets[0] : throw new ImportFileException(file, 0, 0, ImportStrings.Get("Error_XlsxFirstSheetUnknown", culture));
        }

        /// <summary>The workbook's part of a relationship type (<c>sharedStrings</c>, <c>styles</c>), else the usual name; null when absent.</summary>
        public ZipArchiveEntry? Find(string type)
        {
            foreach (var (kind, target) in Relationships().Values)
            {
                if (kind.EndsWith("/" + type, StringComparison.Ordinal) && Entry(target) is { } entry)
                {
                    return entry;
                }
            }

            return Entry($"xl/{type}.xml");
        }

        /// <summary>Reads a part through <paramref name="read"/> (bounded: expansion, depth, DTD) while copying the bytes read into the target.</summary>
        public void Copy(ZipArchiveEntry entry, ZipArchive target, string name, Action<XmlReader> read)
        {
            using var output = target.CreateEntry(name, CompressionLevel.NoCompression).Open();
            using var input = Bounded(entry, output);
            using var reader = XmlReader.Create(input, Settings);
            read(reader);
        }

        private List<(string Id, string Name, bool Hidden)> ListedSheets()
        {
            var listed = new List<(string, string, bool)>();
            if (Entry("xl/workbook.xml") is not { } workbook)
            {
                return listed;
            }

            using var reader = XmlReader.Create(Bounded(workbook, null), Settings);
            while (reader.Read())
            {
                Deep(reader, file, culture);
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && reader.Depth == 2 && IsSpreadsheet(reader.NamespaceURI)
                    && (reader.GetAttribute("id", Office) ?? reader.GetAttribute("id", StrictOffice)) is { } id)
                {
                    listed.Add((id, reader.GetAttribute("name") ?? id, reader.GetAttribute("state") is "hidden" or "veryHidden"));
                }
            }

            return listed;
        }

        private Dictionary<string, (string Type, string Target)> Relationships()
        {
            if (_relationships is not null)
            {
                return _relationships;
            }

            _relationships = new(StringComparer.Ordinal);
            if (Entry("xl/_rels/workbook.xml.rels") is not { } rels)
            {
                return _relationships;
            }

            using var reader = XmlReader.Create(Bounded(rels, null), Settings);
            while (reader.Read())
            {
                Deep(reader, file, culture);
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.NamespaceURI == PackageRelationships
                    && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
                {
                    _relationships.TryAdd(id, (reader.GetAttribute("Type") ?? string.Empty, target));
                }
            }

            return _relationships;
        }

        /// <summary>An entry by part name: relative to <c>xl/</c> unless absolute, compared ignoring case and slashes' direction.</summary>
        private ZipArchiveEntry? Entry(string target)
        {
            var wanted = target.StartsWith('/') ? Name(target) : target.StartsWith("xl/", StringComparison.OrdinalIgnoreCase) ? Name(target) : Name("xl/" + target);
            return Entries().GetValueOrDefault(wanted);
        }

        /// <summary>The archive's entries by normalised name, made once; two entries of one name (differing in case or slashes) are
        /// refused: which one a reader takes is anyone's guess.</summary>
        private Dictionary<string, ZipArchiveEntry> Entries()
        {
            if (_entries is null)
            {
                _entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
                foreach (var entry in source.Entries)
                {
                    if (!_entries.TryAdd(Name(entry.FullName), entry))
                    {
                        throw new ImportFileException(file, 0, 0, ImportStrings.Format("Error_XlsxDuplicatePart", culture, Name(entry.FullName)));
                    }
                }
            }

            return _entries;
        }

        private static string Name(string path) => path.Replace('\\', '/').TrimStart('/');

        /// <summary>A part's content, refused once it expands past its bound (see the type's remarks); copied into <paramref name="copy"/>.</summary>
        private BoundedStream Bounded(ZipArchiveEntry entry, Stream? copy)
        {
            var compressed = Math.Max(1, Math.Min(entry.CompressedLength, archiveLength));
            var limit = Math.Min(MaxPartBytes, Math.Max(MinExpandedBytes, compressed * MaxExpansion));
            return new BoundedStream(entry.Open(), copy, limit, _expanded, () => new ImportFileException(
                file, 0, 0, ImportStrings.Format("Error_XlsxPartTooLarge", culture, entry.FullName, limit / (1 << 20), MaxExpansion, MaxPartBytes >> 20, MaxTotalBytes >> 20)));
        }
    }

    /// <summary>The SpreadsheetML namespaces MiniExcel reads elements in (transitional and strict).</summary>
    private static bool IsSpreadsheet(string ns) => ns is Main or "http://purl.oclc.org/ooxml/spreadsheetml/main";

    /// <summary>Refuses nesting deeper than <see cref="MaxDepth"/>.</summary>
    private static void Deep(XmlReader reader, string file, CultureInfo culture)
    {
        if (reader.Depth > MaxDepth)
        {
            throw new ImportFileException(file, 0, 0, ImportStrings.Format("Error_XlsxTooDeep", culture, MaxDepth));
        }
    }

    /// <summary>
    /// Walks a part node by node with every text bounded: an item (a cell, a shared string) counts the text of everything inside it
    /// (its first element of that name opens it, its own end closes it: nested elements of the same name change nothing); any other
    /// text counts on its own. Texts are read in chunks, never as one string.
    /// </summary>
    private sealed class TextWalk(XmlReader reader, string file, string? item, int itemDepth, CultureInfo culture)
    {
        private readonly char[] _chunk = new char[4096];
        private int _itemDepth = -1;

        /// <summary>The text of the item so far (or of the last text outside one).</summary>
        public long ItemChars { get; private set; }

        /// <summary>True when the node just read ended an item.</summary>
        public bool EndedItem { get; private set; }

        /// <summary>True while inside an item.</summary>
        public bool InItem => _itemDepth >= 0;

        /// <summary>The start of the text just read, when it fits one chunk (a shared-string cell's index); valid until the next node.</summary>
        public ReadOnlySpan<char> ShortText => TextChars <= _chunk.Length ? _chunk.AsSpan(0, (int)TextChars) : [];

        /// <summary>The name of the element holding the text just read.</summary>
        public string? TextParent { get; private set; }

        /// <summary>How many characters the text just read has.</summary>
        public long TextChars { get; private set; }

        private readonly string?[] _names = new string?[MaxDepth + 2];

        public bool Next()
        {
            EndedItem = false;
            if (!reader.Read())
            {
                return false;
            }

            Deep(reader, file, culture);
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    _names[reader.Depth] = reader.LocalName;
                    if (_itemDepth < 0)
                    {
                        ItemChars = 0;
                        if (reader.LocalName == item && reader.Depth == itemDepth && IsSpreadsheet(reader.NamespaceURI))
                        {
                            _itemDepth = reader.IsEmptyElement ? -1 : reader.Depth;
                            EndedItem = reader.IsEmptyElement;
                        }
                    }

                    break;
                case XmlNodeType.EndElement:
                    if (reader.Depth == _itemDepth)
                    {
                        _itemDepth = -1;
                        EndedItem = true;
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    TextParent = reader.Depth > 0 ? _names[reader.Depth - 1] : null;
                    TextChars = 0;
                    int read;
                    var filled = 0;
                    while ((read = reader.ReadValueChunk(_chunk, filled, _chunk.Length - filled)) > 0)
                    {
                        filled = filled + read == _chunk.Length ? 0 : filled + read;
                        ItemChars += read;
                        TextChars += read;
                        if (ItemChars > MaxCellChars)
                        {
                            throw new ImportFileException(file, 0, 0, ImportStrings.Format(InItem && item == "si" ? "Error_XlsxSharedStringTooLong" : "Error_XlsxTextTooLong", culture, MaxCellChars));
                        }
                    }

                    break;
            }

            return true;
        }
    }

    /// <summary>
    /// The sheet's extent (of the cells holding text), merged ranges and row text, gathered node by node, with every cell placed where
    /// MiniExcel places it. MiniExcel reads the rows and cells of <c>sheetData</c> in its namespaces; a row without <c>r</c> comes after
    /// the one before, as in Excel. Its cells it places in one of two ways for the whole sheet: when a cell without <c>r</c> comes before
    /// any <c>dimension</c>, every cell by its place in the row (its <c>r</c> unread); otherwise every cell by its <c>r</c>, and a cell
    /// without one into the column of the cell before it (column A when it is the row's first). A cell holding text that MiniExcel would
    /// place elsewhere than the sheet means (its <c>r</c>, else the column after the cell before, as Excel reads it), and a cell placed
    /// over one holding text, are refused with the cell, so what is read is always where the sheet shows it.
    /// </summary>
    private sealed class Shape(List<int> sharedLengths, string file, CultureInfo culture, TemporaryCopy copy)
    {
        private readonly List<MergedRange> _merges = [];
        private readonly ulong[] _filled = new ulong[MaxReadColumns / 64];
        private int _row;
        private bool _inSheetData;
        private int _sheetData;
        private bool _inRow;
        private bool _inCell;
        private bool? _byPlace;
        private (int Row, int Column, int Place)? _misplaced;
        private int _place = -1;
        private int _sheetColumn = -1;
        private int _column = -1;
        private string? _cellType;
        private long _cellChars;
        private int _cellTexts;
        private int _sharedIndex = -1;
        private bool _cellFormula;
        private bool _cellValue;
        private string? _formula;
        private readonly int _longestShared = sharedLengths.Count == 0 ? 0 : sharedLengths.Max();
        private readonly List<UnsavedFormula> _unsaved = [];
        private long _unsavedChars;
        private long _rowChars;
        private int _columns;
        private int _rows;

        public void Read(XmlReader reader)
        {
            var walk = new TextWalk(reader, file, "c", 3, culture);
            try
            {
                while (walk.Next())
                {
                    if (reader.NodeType == XmlNodeType.Element)
                    {
                        Element(reader);
                    }
                    else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace && walk.InItem && walk.TextParent is "v" or "t")
                    {
                        // A shared-string cell's text is its string (as many times as cells use it): its index parsed as MiniExcel
                        // parses it when the cell holds it in one text; any other shape counts the longest shared string.
                        _cellTexts++;
                        _cellChars += walk.TextChars;
                        _sharedIndex = _cellTexts == 1 && int.TryParse(walk.ShortText, NumberStyles.Any, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < sharedLengths.Count ? index : -1;
                    }
                    else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && walk.InItem && walk.TextParent == "f" && _formula is null)
                    {
                        // The formula's text, for the message should it have no saved value (its start only).
                        _formula = walk.ShortText.Length > 60 ? string.Concat(walk.ShortText[..60], "…") : walk.ShortText.ToString();
                    }

                    if (walk.EndedItem)
                    {
                        EndCell();
                    }
                }
            }
            catch (ImportFileException e) when (e.Line == 0 && _row > 0 && !copy.Raised(e))
            {
                // A bound the sheet's text broke is placed at its row; the copy failing to be written (read while copied) is no row's fault.
                throw new ImportFileException(file, _row, _column + 1, e.Reason, e);
            }
        }

        private void Element(XmlReader reader)
        {
            var spreadsheet = IsSpreadsheet(reader.NamespaceURI);
            if (reader.Depth == 2)
            {
                _inRow = false;
            }

            if (reader.Depth == 1)
            {
                _inSheetData = spreadsheet && reader.LocalName == "sheetData";
                if (_inSheetData && ++_sheetData > 1)
                {
                    // MiniExcel numbers the rows of each sheetData from 1 again.
                    throw new ImportFileException(file, _row, 0, ImportStrings.Get("Error_XlsxSecondSheetData", culture));
                }
            }

            switch (reader.LocalName)
            {
                case "dimension" when spreadsheet:
                    _byPlace ??= false;
                    break;
                case "row" when reader.Depth == 2 && spreadsheet && _inSheetData:
                    _inRow = true;
                    var r = reader.GetAttribute("r");
                    var number = r is null ? _row + 1 : int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
                    if (number is < 1 or > MaxRows || number <= _row)
                    {
                        throw new ImportFileException(file, Math.Max(0, _row), 0, ImportStrings.Format("Error_XlsxRowOutOfOrder", culture, r ?? number.ToString(CultureInfo.InvariantCulture), _row, MaxRows));
                    }

                    _row = number;
                    _place = -1;
                    _sheetColumn = -1;
                    _column = 0;
                    _rowChars = 0;
                    Array.Clear(_filled);
                    break;
                case "c" when spreadsheet:
                    var c = reader.GetAttribute("r");
                    if (c is null && _byPlace is null)
                    {
                        // MiniExcel decides how it places cells at the first dimension or cell without r, whichever comes first.
                        _byPlace = true;
                        if (_misplaced is { } m)
                        {
                            throw Misplaced(m.Row, m.Column, m.Place);
                        }
                    }

                    if (reader.Depth == 3 && _inRow)
                    {
                        Cell(c, reader.GetAttribute("t"));
                    }

                    break;
                case "f" when spreadsheet && reader.Depth == 4 && _inCell:
                    _cellFormula = true;
                    break;
                case "v" or "is" when spreadsheet && reader.Depth == 4 && _inCell:
                    _cellValue = true;
                    break;
                case "mergeCell":
                    var reference = reader.GetAttribute("ref") ?? string.Empty;
                    var colon = reference.IndexOf(':', StringComparison.Ordinal);
                    var first = colon < 0 ? reference : reference[..colon];
                    var last = colon < 0 ? reference : reference[(colon + 1)..];
                    if (!TryParseCell(first, out var c1, out var r1) || !TryParseCell(last, out var c2, out var r2))
                    {
                        throw new ImportFileException(file, 0, 0, ImportStrings.Format("Error_XlsxBadMergeRange", culture, reference));
                    }

                    _merges.Add(new MergedRange(Math.Min(r1, r2), Math.Min(c1, c2), Math.Max(r1, r2), Math.Max(c1, c2)));
                    break;
            }
        }

        /// <summary>A cell of a row starts: where the sheet means it (<see cref="_sheetColumn"/>) and where MiniExcel puts it (<see cref="_column"/>).</summary>
        private void Cell(string? r, string? type)
        {
            var named = -1;
            if (r is not null && !TryParseCell(r, out named, out _))
            {
                throw new ImportFileException(file, _row, 0, ImportStrings.Format("Error_XlsxBadCellName", culture, r));
            }

            _place++;
            _sheetColumn = r is null ? _sheetColumn + 1 : named;
            _column = _byPlace == true ? _place : r is null ? _column : named;
            if (_column < MaxReadColumns && (_filled[_column >> 6] & (1UL << _column)) != 0)
            {
                throw new ImportFileException(file, _row, _sheetColumn + 1, ImportStrings.Format("Error_XlsxCellReadOver", culture,
                    Number(_place + 1), Number(_row), TableReader.ColumnName(_column) + Number(_row)));
            }

            _inCell = true;
            _cellType = type;
            _cellChars = 0;
            _cellTexts = 0;
            _sharedIndex = -1;
            _cellFormula = false;
            _cellValue = false;
            _formula = null;
        }

        /// <summary>A cell holding text that MiniExcel would read elsewhere than the sheet means.</summary>
        private ImportFileException Misplaced(int row, int sheetColumn, int place)
        {
            var reason = _byPlace == true
                ? ImportStrings.Format("Error_XlsxCellMovedByPlace", culture,
                    TableReader.ColumnName(sheetColumn) + Number(row), Number(place + 1), TableReader.ColumnName(place) + Number(row))
                : ImportStrings.Format("Error_XlsxCellMovedAfterDimension", culture,
                    Number(place + 1), Number(row), TableReader.ColumnName(_column) + Number(row), TableReader.ColumnName(sheetColumn) + Number(row));
            return new ImportFileException(file, row, sheetColumn + 1, reason);
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A cell ends: when it held text it widens the used range (a styled empty cell or an empty formula result does not).</summary>
        private void EndCell()
        {
            if (!_inCell)
            {
                return;
            }

            _inCell = false;
            if (_cellFormula && !_cellValue && _unsaved.Count > 0 && _unsaved[^1].Row == _row)
            {
                // A later such cell of the row: kept as a bit, so the import can tell whether a column it reads holds one.
                _unsaved[^1] = _unsaved[^1].With(_sheetColumn);
            }
            else if (_cellFormula && !_cellValue)
            {
                // A formula whose result the file does not hold (written by a program, never opened and saved in a spreadsheet): MiniExcel
                // reads it as blank, which would import as nothing, or as 0. Its row is rejected, naming the row's first such cell.
                var formula = _formula is not null && _unsavedChars + _formula.Length <= MaxFormulaChars ? _formula : null;
                _unsavedChars += formula?.Length ?? 0;
                _unsaved.Add(new UnsavedFormula(_row, _sheetColumn, formula));
            }

            if (_cellChars == 0)
            {
                return;
            }

            if (_cellType == "s")
            {
                _cellChars = _sharedIndex >= 0 ? sharedLengths[_sharedIndex] : _longestShared;
                if (_cellChars == 0)
                {
                    return;
                }
            }

            if (_column != _sheetColumn)
            {
                throw Misplaced(_row, _sheetColumn, _place);
            }

            if (_byPlace is null && _place != _sheetColumn)
            {
                // Every cell so far has its r; should a cell without one come before a dimension, MiniExcel would read this one as _place.
                _misplaced ??= (_row, _sheetColumn, _place);
            }

            if (_column >= MaxReadColumns)
            {
                throw new ImportFileException(file, _row, _column + 1, ImportStrings.Format("Error_XlsxBeyondColumns", culture, TableReader.ColumnName(_column) + _row.ToString(CultureInfo.InvariantCulture), TableReader.ColumnName(MaxReadColumns - 1), MaxReadColumns));
            }

            _filled[_column >> 6] |= 1UL << _column;
            _rowChars += _cellChars;
            if (_rowChars > MaxRowChars)
            {
                throw new ImportFileException(file, _row, _column + 1, ImportStrings.Format("Error_XlsxRowTooLong", culture, _row, MaxRowChars));
            }

            _columns = Math.Max(_columns, _column + 1);
            _rows = Math.Max(_rows, _row);
        }

        public (int Rows, int Columns, List<MergedRange> Merges, List<UnsavedFormula> Unsaved) Finish()
        {
            if (_rows == 0 && _unsaved.Count > 0)
            {
                // Nothing but formulas without saved values: there is no row to read, and the first of them says why.
                throw _unsaved[0].Problem(culture).Error(file);
            }

            // A row holding only a formula without a saved value is read too (and rejected), also below the last value.
            var rows = _unsaved.Count > 0 ? Math.Max(_rows, _unsaved[^1].Row) : _rows;
            if ((long)rows * _columns > MaxUsedCells)
            {
                throw new ImportFileException(file, 0, 0, ImportStrings.Format("Error_XlsxUsedRangeTooLarge", culture, rows, _columns, MaxUsedCells));
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
                    throw new ImportFileException(file, range.FirstRow, range.FirstColumn + 1, ImportStrings.Format("Error_XlsxMergedTooMany", culture, MaxMergedCells));
                }

                clipped.Add(range);
            }

            return (rows, _columns, clipped, _unsaved);
        }
    }

    /// <summary>
    /// The temporary copy's file: a failure to write it (the disk full, the folder missing or not writable) is told as what it is, naming
    /// the folder and the system's reason, not taken for a damaged workbook.
    /// </summary>
    private sealed class TemporaryCopy(Stream inner, string folder, string file, CultureInfo culture) : Stream
    {
        private ImportFileException? _raised;

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => Try(() => inner.Position = value); }

        /// <summary>The error for a copy that could not be written: the file's, with no row (no row of the sheet is at fault).</summary>
        public static ImportFileException Failed(string folder, string file, CultureInfo culture, Exception e) =>
            new(file, 0, 0, TableReader.WithCause("Error_TemporaryCopy", culture, folder, e), e);

        /// <summary>True when <paramref name="error"/> is the last error this copy raised (so it is not placed at a row of the sheet).</summary>
        public bool Raised(ImportFileException error) => ReferenceEquals(error, _raised);

        /// <summary>Closes (and so deletes) a copy being given up after an error: a failure to flush it then changes nothing.</summary>
        public static void Discard(Stream copy)
        {
            try
            {
                copy.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImportFileException)
            {
                // The error being thrown already says what went wrong; the copy is deleted on close either way.
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            try
            {
                inner.Write(buffer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw _raised = Failed(folder, file, culture, e);
            }
        }

        public override void Flush() => Try(inner.Flush);

        public override long Seek(long offset, SeekOrigin origin)
        {
            long position = 0;
            Try(() => position = inner.Seek(offset, origin));
            return position;
        }

        public override void SetLength(long value) => Try(() => inner.SetLength(value));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Try(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw _raised = Failed(folder, file, culture, e);
            }
        }
    }

    /// <summary>A read-only stream that refuses to give more than a limit of bytes (its own, and the parts' together in
    /// <c>total[0]</c>), copying what it gives into another stream when asked.</summary>
    private sealed class BoundedStream(Stream inner, Stream? copy, long limit, long[] total, Func<Exception> tooLong) : Stream
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
            total[0] += read;
            if (_read > limit || total[0] > MaxTotalBytes)
            {
                throw tooLong();
            }

            copy?.Write(buffer[..read]);
            return read;
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
