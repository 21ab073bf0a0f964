using System.Globalization;
using System.IO.Compression;
using System.Text;
using CrmCore.Decoding;
using CrmCore.Import.Localization;
using CrmCore.Localization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Sylvan.Data.Csv;

namespace CrmCore.Import.Reading;

/// <summary>
/// Opens a CSV or .xlsx file as a stream of <see cref="SourceRow"/>s, never holding the whole file: CSV through Sylvan.Data.Csv with
/// the encoding the strict decoder (<see cref="StrictTextDecoder"/>) detects in the first 64 KiB or the one the caller names, .xlsx
/// through MiniExcel's streaming reader with merged cells filled. A record larger than 1 MiB, bytes that are not text in the
/// encoding, or a damaged workbook stop the read with an <see cref="ImportFileException"/> naming the file and the row.
/// </summary>
internal static class TableReader
{
    private const int SniffBytes = 64 * 1024;
    /// <summary>The longest record read: 1 MiB characters (a CSV record; an .xlsx row's text together).</summary>
    internal const int MaxRecordChars = 1 << 20;

    /// <summary>The size of a shared-strings part from which MiniExcel keeps its strings in temporary files rather than in memory: 5 MiB,
    /// MiniExcel's own default.</summary>
    internal const long SharedStringCacheBytes = 5L << 20;

    /// <summary>The format a file will be read as.</summary>
    public static ImportFormat Resolve(string path, ImportFormat format) =>
        format != ImportFormat.Auto ? format
        : path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Xlsx
        : path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Json
        : path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? ImportFormat.JsonLines
        : ImportFormat.Csv;

    /// <summary>Detects the encoding of a CSV file from its first bytes: a BOM, else what the strict decoder says about the start.</summary>
    public static Encoding DetectEncoding(Stream stream, string file, CultureInfo? culture = null)
    {
        var buffer = new byte[SniffBytes];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var head = buffer.AsSpan(0, read);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return StrictTextDecoder.GetEncoding("utf-16");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return StrictTextDecoder.GetEncoding("utf-16be");
        }

        if (read == SniffBytes)
        {
            // Cut at the last line break so that a character split by the 64 KiB boundary is not taken for bad bytes.
            var cut = head.LastIndexOf((byte)'\n');
            head = cut > 0 ? head[..(cut + 1)] : head;
        }

        var decoded = StrictTextDecoder.Decode(head);
        if (decoded.Problem is { LikelyEncoding: { } likely })
        {
            return StrictTextDecoder.GetEncoding(likely);
        }

        if (decoded.Problem is { } problem)
        {
            var bad = problem.ByteOffset < head.Length ? head[(int)problem.ByteOffset].ToString("X2", CultureInfo.InvariantCulture) : "?";
            throw new ImportFileException(file, problem.Line, problem.Column, ImportStrings.Format("Error_CsvNotUtf8", culture, bad));
        }

        return StrictTextDecoder.GetEncoding("utf-8");
    }

    /// <summary>What the first bytes of a stream say it is (an OLE compound file, a zip, or anything else); the stream is left where it was.</summary>
    public static ContentKind Sniff(Stream stream)
    {
        var start = stream.Position;
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        head = head[..read];
        return head.SequenceEqual((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) ? ContentKind.OleCompoundFile
            : head.StartsWith((ReadOnlySpan<byte>)[(byte)'P', (byte)'K', 3, 4]) ? ContentKind.Zip
            : ContentKind.Other;
    }

    /// <summary>Whether a zip holds a workbook (an <c>xl/workbook.xml</c> part); true too when the zip cannot be opened, so that the .xlsx
    /// reader, whose inspection says what is wrong with it, gets it. The stream is left where it was.</summary>
    public static bool IsWorkbookZip(Stream stream)
    {
        var start = stream.Position;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return true;
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>
    /// The delimiter of a text table: a tab when the first line holding a tab or a comma outside double quotes (the header line; a title
    /// line above it holds neither) holds more tabs than such commas, as Excel's "Unicode text" and other tab-separated files do (a header
    /// cell such as <c>备注(内部,勿外传)</c> does not make them comma-separated); else a comma. Looks at the first 64 KiB characters at
    /// most; the stream is left where it was.
    /// </summary>
    public static char DetectDelimiter(Stream stream, Encoding encoding)
    {
        var start = stream.Position;
        try
        {
            using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 12, leaveOpen: true);
            var seen = 0;
            while (seen < SniffBytes && text.ReadLine() is { } line)
            {
                seen += line.Length + 1;
                var (tabs, commas) = CountSeparators(line);
                if (tabs > 0 || commas > 0)
                {
                    return tabs > commas ? '\t' : ',';
                }
            }

            return ',';
        }
        catch (DecoderFallbackException)
        {
            // Bytes that are not text: the read that follows reports them, with their place.
            return ',';
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>The tabs and the commas of a line outside double-quoted text.</summary>
    internal static (int Tabs, int Commas) CountSeparators(string line)
    {
        int tabs = 0, commas = 0;
        var quoted = false;
        foreach (var c in line)
        {
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '\t' when !quoted:
                    tabs++;
                    break;
                case ',' when !quoted:
                    commas++;
                    break;
            }
        }

        return (tabs, commas);
    }

    /// <summary>Reads the rows of a CSV stream, its fields separated by <paramref name="delimiter"/> (a comma unless told).</summary>
    /// <param name="stream">The content.</param>
    /// <param name="encoding">Its encoding.</param>
    /// <param name="file">The file name, for messages.</param>
    /// <param name="culture">The language of the messages.</param>
    /// <param name="delimiter">The field separator.</param>
    /// <param name="shareRepeated">Whether a short cell whose text its column had just before gets that string again (<see cref="CellTextPool"/>)
    /// rather than a new one; false only to compare the two (tests).</param>
    public static IEnumerable<SourceRow> ReadCsv(Stream stream, Encoding encoding, string file, CultureInfo? culture = null, char delimiter = ',', bool shareRepeated = true)
    {
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = delimiter,
            MaxBufferSize = MaxRecordChars,
            BufferSize = 1 << 16,
        };
        CsvDataReader reader;
        try
        {
            reader = CsvDataReader.Create(text, options);
        }
        catch (Exception e) when (e is DecoderFallbackException or CsvFormatException)
        {
            throw Fail(file, 1, encoding, e, culture);
        }

        using (reader)
        {
            var pool = shareRepeated ? new CellTextPool() : null;
            var record = 0;
            while (true)
            {
                bool more;
                try
                {
                    more = reader.Read();
                }
                catch (Exception e) when (e is DecoderFallbackException or CsvFormatException or CsvRecordTooLargeException)
                {
                    throw Fail(file, record + 1, encoding, e, culture);
                }

                if (!more)
                {
                    yield break;
                }

                record++;
                var cells = new string?[reader.RowFieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = pool is null ? reader.GetString(i) : pool.Get(i, reader.GetFieldSpan(i));
                }

                // The BOM of UTF-8 files is not text.
                if (record == 1 && cells.Length > 0 && cells[0] is { Length: > 0 } first && first[0] == '\uFEFF')
                {
                    cells[0] = first[1..];
                }

                yield return new SourceRow(record, cells);
            }
        }
    }

    /// <summary>
    /// Reads the rows of the first worksheet of an .xlsx stream: first inspected and copied (<see cref="XlsxInspection"/>: the sheet, its
    /// shared strings and styles, every bound checked), then the copy read by MiniExcel no wider and no longer than the cells holding
    /// values; merged cells are filled here with their range's first cell, clipped to that extent, every cell of the range (also one
    /// the sheet leaves out), rather than by MiniExcel (which filled whole ranges in memory, and only cells the sheet lists).
    /// </summary>
    /// <remarks>MiniExcel spills a large shared-strings part (<see cref="SharedStringCacheBytes"/> or more) to files of its own in the
    /// system's temporary folder (<see cref="Path.GetTempPath"/>, its <c>SharedStringCachePath</c>, named here; a file is created there
    /// first to try it): when they cannot be written (the disk full, the folder missing or not writable), the error says so, with the
    /// folder and the system's reason, at line 0, rather than calling the workbook unreadable.</remarks>
    public static IEnumerable<SourceRow> ReadXlsx(
        Stream stream, string file, CultureInfo? culture = null, Action<int>? rowsKnown = null, Action<string?, IReadOnlyList<string>>? sheetKnown = null) =>
        ReadXlsx(stream, file, culture, rowsKnown, Path.GetTempPath(), SharedStringCacheBytes, sheetKnown: sheetKnown);

    /// <summary>Reads the rows of an .xlsx stream, MiniExcel's shared-string cache written in <paramref name="cacheFolder"/> for a
    /// shared-strings part of <paramref name="cacheFromBytes"/> bytes or more, <paramref name="freeBytes"/> telling the space free there
    /// (null when it cannot be told; seams for tests).</summary>
    internal static IEnumerable<SourceRow> ReadXlsx(
        Stream stream,
        string file,
        CultureInfo? culture,
        Action<int>? rowsKnown,
        string cacheFolder,
        long cacheFromBytes,
        Func<string, long?>? freeBytes = null,
        Action<string?, IReadOnlyList<string>>? sheetKnown = null)
    {
        using var shape = XlsxInspection.Inspect(stream, file, culture);
        rowsKnown?.Invoke(shape.Rows);
        sheetKnown?.Invoke(shape.Sheet, shape.OtherVisibleSheets);
        if (shape.Rows == 0 || shape.Columns == 0)
        {
            yield break;
        }

        // No byte arrays from "@@@fileid@@@" cells (MiniExcel would load the archive entry they name, whole).
        if (SharedStringsBytes(shape.Package) is var sharedBytes && sharedBytes >= cacheFromBytes)
        {
            // MiniExcel will keep the shared strings in files of its own there: the folder is tried first, and its free space, because
            // a cache that MiniExcel fails to create or to write crashes the process later (its finalizer disposes, and so flushes, the
            // files it left open).
            ProbeCacheFolder(cacheFolder, file, culture);
            CheckCacheSpace(cacheFolder, sharedBytes, (freeBytes ?? FreeBytes)(cacheFolder), file, culture);
        }

        var configuration = new OpenXmlConfiguration
        {
            FillMergedCells = false,
            EnableSharedStringCache = true,
            SharedStringCacheSize = cacheFromBytes,
            SharedStringCachePath = cacheFolder,
            EnableConvertByteArray = false,
        };
        IEnumerator<dynamic> rows;
        try
        {
            rows = MiniExcel.QueryRange(shape.Package, useHeaderRow: false, sheetName: null, ExcelType.XLSX, 1, 1, shape.Rows, shape.Columns, configuration).GetEnumerator();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            throw Unreadable(file, 0, e, cacheFolder, culture);
        }

        using (rows)
        {
            var merged = new MergedCells(shape.Merges);
            var line = 0;
            while (true)
            {
                bool more;
                try
                {
                    more = rows.MoveNext();
                }
                catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
                {
                    // A workbook that passed the inspection and still breaks the reader: named, never a crash of the host. The reader is
                    // closed first, so that a cache file that cannot be flushed (a full disk) does not replace this error.
                    Discard(rows);
                    throw Unreadable(file, line + 1, e, cacheFolder, culture);
                }

                if (!more)
                {
                    yield break;
                }

                line++;
                var row = (IDictionary<string, object?>)rows.Current;
                var cells = new string?[shape.Columns];
                foreach (var (column, value) in row)
                {
                    var index = ColumnIndex(column);
                    if (index >= 0 && index < cells.Length)
                    {
                        cells[index] = CellText(value);
                    }
                }

                merged.Fill(line, cells);
                var last = Array.FindLastIndex(cells, c => c is not null);
                yield return new SourceRow(line, last + 1 == cells.Length ? cells : cells[..(last + 1)]) { Problem = shape.ProblemAt(line) };
            }
        }
    }

    /// <summary>
    /// Fills merged cells row by row: a range's first cell's text goes to every other cell of the range, as the sheet shows it. Keeps
    /// only the ranges that reach the row being read; each range's first cell is read before the rest of it (rows come in order).
    /// </summary>
    private sealed class MergedCells(IReadOnlyList<XlsxInspection.MergedRange> ranges)
    {
        private readonly XlsxInspection.MergedRange[] _byFirstRow = [.. ranges.OrderBy(r => r.FirstRow)];
        private readonly List<(XlsxInspection.MergedRange Range, string? Text)> _open = [];
        private int _next;

        public void Fill(int line, string?[] cells)
        {
            if (_open.Count > 0)
            {
                _open.RemoveAll(o => o.Range.LastRow < line);
            }

            for (; _next < _byFirstRow.Length && _byFirstRow[_next].FirstRow <= line; _next++)
            {
                var range = _byFirstRow[_next];
                if (range.FirstRow == line)
                {
                    _open.Add((range, range.FirstColumn < cells.Length ? cells[range.FirstColumn] : null));
                }
            }

            foreach (var (range, text) in _open)
            {
                for (var column = range.FirstColumn; column <= range.LastColumn && column < cells.Length; column++)
                {
                    if (line != range.FirstRow || column != range.FirstColumn)
                    {
                        cells[column] = text;
                    }
                }
            }
        }
    }

    /// <summary>The text of a cell value as MiniExcel gives it: numbers in invariant form, dates as <c>yyyy-MM-dd</c> (with the time when it has one).</summary>
    internal static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The 0-based index of column letters (A = 0, Z = 25, AA = 26, XFD = 16,383), or -1 when they are not upper-case letters
    /// or name a column past XFD.</summary>
    internal static int ColumnIndex(ReadOnlySpan<char> column)
    {
        var index = 0;
        foreach (var c in column)
        {
            if (c is < 'A' or > 'Z' || (index = (index * 26) + (c - 'A' + 1)) > 16_384)
            {
                return -1;
            }
        }

        return index - 1;
    }

    /// <summary>The letters of a 0-based column (0 is A, 255 is IV): the inverse of <see cref="ColumnIndex"/>.</summary>
    internal static string ColumnName(int column)
    {
        var name = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The length of the shared-strings part of the inspected copy (what MiniExcel compares with its cache size); 0 when it has
    /// none. The copy is left at position 0.</summary>
    private static long SharedStringsBytes(Stream package)
    {
        try
        {
            using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("xl/sharedStrings.xml")?.Length ?? 0;
        }
        finally
        {
            package.Position = 0;
        }
    }

    /// <summary>Creates (and deletes) a file in the folder MiniExcel's shared-string cache goes to.</summary>
    /// <exception cref="ImportFileException">No file can be created there: the folder named, with the system's reason, at line 0.</exception>
    private static void ProbeCacheFolder(string folder, string file, CultureInfo? culture)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.DeleteOnClose };
        try
        {
            using (new FileStream(Path.Combine(folder, $"crmcore-cache-{Guid.NewGuid():N}.tmp"), options))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CacheFailure(file, folder, e, e, culture);
        }
    }

    /// <summary>
    /// Refuses a read whose shared-string cache would not fit in the space free in its folder (with <see cref="CacheSpaceMargin"/> to
    /// spare): the cache takes at most the shared-strings part's length (each string's text, at most as long as in the part, and 8 bytes
    /// of position and length, no more than its <c>&lt;si&gt;&lt;t&gt;</c> markup). A disk that other programs fill during the read can
    /// still fail it; that failure is reported as the folder's, but MiniExcel may then crash the process from its finalizer.
    /// </summary>
    internal static void CheckCacheSpace(string folder, long sharedBytes, long? free, string file, CultureInfo? culture)
    {
        if (free is { } available && available < sharedBytes + CacheSpaceMargin)
        {
            const double MiB = 1 << 20;
            throw new ImportFileException(file, 0, 0, ImportStrings.Format(
                "Error_SharedStringCacheSpace", culture, folder, Math.Ceiling((sharedBytes + CacheSpaceMargin) / MiB), Math.Floor(available / MiB)));
        }
    }

    /// <summary>The space left free beside the shared-string cache: 16 MiB.</summary>
    internal const long CacheSpaceMargin = 16L << 20;

    /// <summary>The bytes free for this process in a folder's file system; null when the system cannot tell.</summary>
    internal static long? FreeBytes(string folder)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Closes MiniExcel's reader after it failed: a failure to close it (its cache files) changes nothing then.</summary>
    private static void Discard(IEnumerator<dynamic> rows)
    {
        try
        {
            rows.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // The error being thrown says what went wrong.
        }
    }

    /// <summary>
    /// The error for a workbook MiniExcel could not read: when the cause is its shared-string cache that could not be written in
    /// <paramref name="cacheFolder"/> (<see cref="TemporaryFolderFailure"/>), that, at line 0 (no row is at fault); else the workbook is
    /// not readable, at the row being read.
    /// </summary>
    internal static ImportFileException Unreadable(string file, int line, Exception e, string cacheFolder, CultureInfo? culture) =>
        TemporaryFolderFailure(e) is { } cause
            ? CacheFailure(file, cacheFolder, cause, e, culture)
            : new ImportFileException(file, line, 0, ImportStrings.Format("Error_XlsxUnreadable", culture, e.Message), e);

    /// <summary>
    /// The error for a shared-string cache that could not be written in <paramref name="folder"/>, at line 0 (no row is at fault), with
    /// its cause: one the import recognises (<see cref="FolderFailureCause"/>) in the import's language; any other as the system's own
    /// message in English, and left out in zh-Hans (the zh-Hans text has no place for it, as the readers' refusals of a malformed CSV or
    /// JSON file have none), where it stays in <see cref="Exception.InnerException"/>.
    /// </summary>
    /// <param name="file">The file being imported.</param>
    /// <param name="folder">The cache's folder.</param>
    /// <param name="cause">The failure to write there.</param>
    /// <param name="error">What was caught (<paramref name="cause"/> or an exception wrapping it): the inner exception.</param>
    /// <param name="culture">The import's culture; null for the current UI culture.</param>
    internal static ImportFileException CacheFailure(string file, string folder, Exception cause, Exception error, CultureInfo? culture) =>
        new(file, 0, 0, WithCause("Error_SharedStringCache", culture, folder, cause), error);

    /// <summary>
    /// A message about a file that could not be written or read (resource <paramref name="key"/>: <c>{0}</c> the folder or file, <c>{1}</c>
    /// the cause with its separator, <c>{2}</c> the advice) with its cause: one the import recognises (<see cref="FolderFailureCause"/>)
    /// in the import's language; any other as the system's own message in English, and left out in zh-Hans (it stays in the exception's
    /// <see cref="Exception.InnerException"/>). The advice fits the cause: to free space for a full disk or a cause not recognised, else
    /// to choose another folder.
    /// </summary>
    /// <param name="key">The message's resource key.</param>
    /// <param name="culture">The import's culture; null for the current UI culture.</param>
    /// <param name="place">The folder or file the message names.</param>
    /// <param name="cause">The failure.</param>
    internal static string WithCause(string key, CultureInfo? culture, string place, Exception cause)
    {
        var reason = FolderFailureCause(cause);
        var said = reason is not null ? ImportStrings.Get(reason, culture) : TextCultures.IsSimplifiedChinese(culture) ? null : cause.Message;
        var advice = ImportStrings.Get(reason is null or "IoCause_DiskFull" ? "Advice_FreeSpace" : "Advice_OtherFolder", culture);
        return ImportStrings.Format(key, culture, place, said is null ? string.Empty : ImportStrings.Get("Cause_Separator", culture) + said, advice);
    }

    /// <summary>
    /// The resource key of a failure to write a file that the import can name in its own words: the disk full (ENOSPC, 28, on Unix;
    /// ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on Windows), the file system read-only (EROFS, 30), access denied, the path too long, the
    /// folder missing; null for any other.
    /// </summary>
    internal static string? FolderFailureCause(Exception cause) => cause switch
    {
        PathTooLongException => "IoCause_PathTooLong",
        DirectoryNotFoundException => "IoCause_FolderMissing",
        UnauthorizedAccessException => "IoCause_AccessDenied",
        IOException when IsDiskFull(cause.HResult) => "IoCause_DiskFull",
        IOException when IsReadOnly(cause.HResult) => "IoCause_ReadOnly",
        _ => null,
    };

    /// <summary>
    /// The resource key of any file failure that can be named in words (<c>IoCause_*</c>), for a message about a file the user named
    /// (crm's outputs, its SQLite file): those of <see cref="FolderFailureCause"/>, and also the file missing and the file in use
    /// (locked by another program: EWOULDBLOCK, 11, or ETXTBSY, 26, off Windows; ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on
    /// Windows); null for any other. The import's own folder messages keep to <see cref="FolderFailureCause"/>, whose advice fits a folder.
    /// </summary>
    internal static string? FileFailureCause(Exception cause) => cause switch
    {
        FileNotFoundException => "IoCause_FileMissing",
        IOException when IsInUse(cause.HResult) => "IoCause_InUse",
        _ => FolderFailureCause(cause),
    };

    /// <summary>
    /// The failure to write a file in a folder that <paramref name="e"/> is or wraps (inner exceptions, every one of an
    /// <see cref="AggregateException"/>): access refused (<see cref="UnauthorizedAccessException"/>), the folder missing
    /// (<see cref="DirectoryNotFoundException"/>), or an <see cref="IOException"/> whose code is a full disk (ENOSPC, 28, on Unix;
    /// ERROR_DISK_FULL, 0x70, or ERROR_HANDLE_DISK_FULL, 0x27, on Windows, as an HRESULT anywhere) or a read-only file system (EROFS, 30);
    /// null for anything else, such as a damaged archive (<see cref="InvalidDataException"/>).
    /// </summary>
    internal static Exception? TemporaryFolderFailure(Exception? e)
    {
        for (var depth = 0; e is not null && depth < 16; depth++)
        {
            switch (e)
            {
                case UnauthorizedAccessException or DirectoryNotFoundException:
                    return e;
                case IOException when e is not (InvalidDataException or EndOfStreamException) && (IsDiskFull(e.HResult) || IsReadOnly(e.HResult)):
                    return e;
                case AggregateException aggregate:
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        if (TemporaryFolderFailure(inner) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
            }

            e = e.InnerException;
        }

        return null;
    }

    /// <summary>Whether an I/O error's code is a full disk: ERROR_DISK_FULL (0x70) or ERROR_HANDLE_DISK_FULL (0x27) as an HRESULT of the
    /// Win32 facility (0x8007xxxx) anywhere, or as the platform's own bare code: those on Windows, ENOSPC (28) or a disk quota exceeded
    /// (EDQUOT: 122 on Linux, 69 on macOS) elsewhere.</summary>
    private static bool IsDiskFull(int code)
    {
        const int Enospc = 28, ErrorDiskFull = 0x70, ErrorHandleDiskFull = 0x27;
        // A Windows error arrives as an HRESULT of the Win32 facility, which no errno can be taken for; a bare code is read as the
        // platform's own (an errno on Unix, where 0x70 is another error).
        if (IsWin32HResult(code))
        {
            return (code & 0xFFFF) is ErrorDiskFull or ErrorHandleDiskFull;
        }

        return OperatingSystem.IsWindows() ? code is ErrorDiskFull or ErrorHandleDiskFull : code == Enospc || code == (OperatingSystem.IsMacOS() ? 69 : 122);
    }

    /// <summary>Whether an I/O error's code is a read-only file system or medium: EROFS (30), a bare code off Windows; ERROR_WRITE_PROTECT
    /// (0x13) as an HRESULT of the Win32 facility, or bare on Windows.</summary>
    private static bool IsReadOnly(int code)
    {
        const int Erofs = 30, ErrorWriteProtect = 0x13;
        if (IsWin32HResult(code))
        {
            return (code & 0xFFFF) == ErrorWriteProtect;
        }

        return OperatingSystem.IsWindows() ? code == ErrorWriteProtect : code == Erofs;
    }

    /// <summary>Whether an I/O error's code is a file another program holds: ERROR_SHARING_VIOLATION (0x20) or ERROR_LOCK_VIOLATION (0x21)
    /// as an HRESULT of the Win32 facility, or bare on Windows; EWOULDBLOCK (11 on Linux, 35 on macOS: a lock .NET could not take) or
    /// ETXTBSY (26) elsewhere.</summary>
    private static bool IsInUse(int code)
    {
        const int ErrorSharingViolation = 0x20, ErrorLockViolation = 0x21, Etxtbsy = 26;
        if (IsWin32HResult(code))
        {
            return (code & 0xFFFF) is ErrorSharingViolation or ErrorLockViolation;
        }

        return OperatingSystem.IsWindows() ? code is ErrorSharingViolation or ErrorLockViolation : code == (OperatingSystem.IsMacOS() ? 35 : 11) || code == Etxtbsy;
    }

    private static bool IsWin32HResult(int code) => (code & unchecked((int)0xFFFF0000)) == unchecked((int)0x80070000);

    private static ImportFileException Fail(string file, int record, Encoding encoding, Exception e, CultureInfo? culture) => e switch
    {
        DecoderFallbackException => new ImportFileException(file, record, 0, ImportStrings.Format("Error_CsvBadBytes", culture, encoding.WebName), e),
        CsvRecordTooLargeException => new ImportFileException(file, record, 0, ImportStrings.Format("Error_CsvRecordTooLong", culture, MaxRecordChars), e),
        _ => new ImportFileException(file, record, 0, ImportStrings.Format("Error_CsvMalformed", culture, e.Message), e),
    };
}
