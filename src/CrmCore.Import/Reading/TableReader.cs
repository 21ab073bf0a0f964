using System.Globalization;
using System.Text;
using CrmCore.Decoding;
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

    /// <summary>The format a file will be read as.</summary>
    public static ImportFormat Resolve(string path, ImportFormat format) =>
        format != ImportFormat.Auto ? format
        : path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Xlsx
        : path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Json
        : path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? ImportFormat.JsonLines
        : ImportFormat.Csv;

    /// <summary>Detects the encoding of a CSV file from its first bytes: a BOM, else what the strict decoder says about the start.</summary>
    public static Encoding DetectEncoding(Stream stream, string file)
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
            throw new ImportFileException(file, problem.Line, problem.Column, problem.Message);
        }

        return StrictTextDecoder.GetEncoding("utf-8");
    }

    /// <summary>Reads the rows of a CSV stream.</summary>
    public static IEnumerable<SourceRow> ReadCsv(Stream stream, Encoding encoding, string file)
    {
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = ',',
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
            throw Fail(file, 1, encoding, e);
        }

        using (reader)
        {
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
                    throw Fail(file, record + 1, encoding, e);
                }

                if (!more)
                {
                    yield break;
                }

                record++;
                var cells = new string?[reader.RowFieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetString(i);
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
    public static IEnumerable<SourceRow> ReadXlsx(Stream stream, string file, CultureInfo? culture = null, Action<int>? rowsKnown = null)
    {
        using var shape = XlsxInspection.Inspect(stream, file, culture);
        rowsKnown?.Invoke(shape.Rows);
        if (shape.Rows == 0 || shape.Columns == 0)
        {
            yield break;
        }

        // No byte arrays from "@@@fileid@@@" cells (MiniExcel would load the archive entry they name, whole).
        var configuration = new OpenXmlConfiguration { FillMergedCells = false, EnableSharedStringCache = true, EnableConvertByteArray = false };
        IEnumerator<dynamic> rows;
        try
        {
            rows = MiniExcel.QueryRange(shape.Package, useHeaderRow: false, sheetName: null, ExcelType.XLSX, 1, 1, shape.Rows, shape.Columns, configuration).GetEnumerator();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            throw new ImportFileException(file, 0, 0, $"not a readable .xlsx workbook: {e.Message}", e);
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
                    // A workbook that passed the inspection and still breaks the reader: named, never a crash of the host.
                    throw new ImportFileException(file, line + 1, 0, $"not a readable .xlsx workbook: {e.Message}", e);
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
                yield return new SourceRow(line, last + 1 == cells.Length ? cells : cells[..(last + 1)]);
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

    private static ImportFileException Fail(string file, int record, Encoding encoding, Exception e) => e switch
    {
        DecoderFallbackException => new ImportFileException(file, record, 0, $"bytes that are not {encoding.WebName} text near this record; save the file as UTF-8 or name its encoding", e),
        CsvRecordTooLargeException => new ImportFileException(file, record, 0, $"a record longer than {MaxRecordChars} characters (a quote never closed?)", e),
        _ => new ImportFileException(file, record, 0, e.Message, e),
    };
}
