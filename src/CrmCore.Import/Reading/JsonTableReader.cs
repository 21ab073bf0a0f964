using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Import.Localization;
using CrmCore.Normalization;

namespace CrmCore.Import.Reading;

/// <summary>
/// Reads JSON (a top-level array of flat objects) or JSON Lines (one flat object per line) as a table, streaming, in two passes over
/// the seekable stream: the first collects the property names in the order they first appear (the header row), the second gives one
/// <see cref="SourceRow"/> per object, its cells in header order. Strings, numbers (as written), <c>true</c>/<c>false</c> and
/// <c>null</c> (blank) are cell values (a number with an exponent as its exact decimal value, <see cref="PlainNumber"/>). Names are
/// compared as headers are, cleaned (<see cref="TextNormalizer.Clean"/>: width and spaces): names that clean alike are one column, its
/// header the first spelling read. A name given twice in one object, or two names of one column in one object, make that row's
/// <see cref="SourceRow.Problem"/> (the importers reject it, naming the names and the line:col of the second; its value is not read). A
/// nested object or array, text that is not UTF-8 JSON, a token larger than 1 MiB, more than 1,000 columns, a comment, a trailing comma
/// or nesting deeper than an array of objects stop the read with an <see cref="ImportFileException"/> naming the file and line:col (the
/// column counts characters; 0 when the line began more than a buffer earlier). A row's line is the line its object starts on.
/// </summary>
internal static class JsonTableReader
{
    /// <summary>The largest single token (a long string value) the reader buffers.</summary>
    public const int MaxTokenBytes = 1 << 20;

    /// <summary>The most columns (distinct property names once cleaned).</summary>
    public const int MaxColumns = 1000;

    private const int ChunkBytes = 1 << 16;

    /// <summary>The most problems (repeated names) kept for one row object.</summary>
    internal const int MaxRowProblems = 32;

    /// <summary>A row's problems with one more at their end.</summary>
    private static RowProblem Appended(RowProblem problems, RowProblem last) =>
        problems with { Next = problems.Next is null ? last : Appended(problems.Next, last) };

    /// <summary>Reads the rows: first a header row (line 0) with every property name, then one row per object.</summary>
    /// <param name="stream">The content; seekable.</param>
    /// <param name="file">The file name for messages.</param>
    /// <param name="lines">True for JSON Lines (objects at the top level), false for a JSON array of objects.</param>
    /// <param name="rowsKnown">Told, after the first pass, how many rows there are (the header row included).</param>
    /// <param name="culture">The language of the reader's messages; null for the current UI culture.</param>
    public static IEnumerable<SourceRow> Read(Stream stream, string file, bool lines, Action<int>? rowsKnown = null, CultureInfo? culture = null)
    {
        var start = stream.Position;
        var names = new Names();
        var objects = 0;
        foreach (var _ in Objects(stream, file, lines, names, culture))
        {
            objects++;
        }

        rowsKnown?.Invoke(objects + 1);
        yield return new SourceRow(0, [.. names.Headers]);
        stream.Position = start;
        foreach (var row in Objects(stream, file, lines, names, culture))
        {
            yield return row;
        }
    }

    /// <summary>One pass: the objects as rows, adding names not seen yet to <paramref name="names"/>.</summary>
    private static IEnumerable<SourceRow> Objects(Stream stream, string file, bool lines, Names names, CultureInfo? culture)
    {
        var buffer = new byte[ChunkBytes];
        var length = 0;
        var final = false;
        var state = new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = lines, MaxDepth = lines ? 2 : 3 });
        var parse = new ParseState(lines ? 0 : 1) { Culture = culture };
        var ready = new List<SourceRow>();
        var bomChecked = false;
        while (!final)
        {
            var read = stream.ReadAtLeast(buffer.AsSpan(length), buffer.Length - length, throwOnEndOfStream: false);
            length += read;
            final = read == 0 || length < buffer.Length;
            var offset = 0;
            if (!bomChecked && length >= 3 && buffer.AsSpan(0, 3).SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                offset = 3;
            }

            bomChecked = true;
            var consumed = Step(buffer.AsSpan(offset, length - offset), final, ref state, parse, names, ready, file) + offset;
            foreach (var row in ready)
            {
                yield return row;
            }

            ready.Clear();
            parse.Lines += Newlines(buffer.AsSpan(0, consumed));
            parse.ChunkAtLineStart = consumed == 0 ? parse.ChunkAtLineStart : buffer[consumed - 1] == (byte)'\n';
            var left = length - consumed;
            if (!final && left == buffer.Length)
            {
                if (buffer.Length >= MaxTokenBytes)
                {
                    throw new ImportFileException(file, parse.Lines + 1, 0, ImportStrings.Format("Error_JsonValueTooLong", culture, MaxTokenBytes));
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            buffer.AsSpan(consumed, left).CopyTo(buffer);
            length = left;
        }

        if (parse.Depth != 0 || (!lines && !parse.SawArray))
        {
            throw new ImportFileException(file, parse.Lines + 1, 0, ImportStrings.Get(lines ? "Error_JsonLinesEndsInObject" : "Error_JsonNotArray", culture));
        }
    }

    /// <summary>Reads the tokens of one chunk; returns the bytes consumed.</summary>
    private static int Step(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, ParseState parse, Names names, List<SourceRow> ready, string file)
    {
        var reader = new Utf8JsonReader(data, final, state);
        try
        {
            while (reader.Read())
            {
                Token(ref reader, data, parse, names, ready, file);
            }
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var lineInChunk = line - parse.Lines;
            var column = lineInChunk > 0 || parse.ChunkAtLineStart ? CharColumn(data, lineInChunk, (int)(e.BytePositionInLine ?? 0)) : 0;
            throw new ImportFileException(file, line + 1, column, ImportStrings.Format("Error_JsonInvalid", parse.Culture, e.Message), e);
        }
        catch (InvalidOperationException e)
        {
            throw Error(file, ref reader, data, parse, ImportStrings.Format("Error_JsonNotUtf8", parse.Culture, e.Message));
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private static void Token(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, ParseState parse, Names names, List<SourceRow> ready, string file)
    {
        var rowDepth = parse.RowDepth;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray when reader.CurrentDepth == 0 && rowDepth == 1:
                parse.SawArray = true;
                parse.Depth = 1;
                return;
            case JsonTokenType.EndArray when reader.CurrentDepth == 0 && rowDepth == 1:
                parse.Depth = 0;
                return;
            case JsonTokenType.StartObject when reader.CurrentDepth == rowDepth:
                parse.Cells = new string?[Math.Max(names.Count, 4)];
                parse.Problem = null;
                parse.ProblemCount = 0;
                parse.Objects++;
                parse.RowLine = parse.Lines + Newlines(data[..(int)reader.TokenStartIndex]) + 1;
                parse.Depth = rowDepth + 1;
                return;
            case JsonTokenType.EndObject when reader.CurrentDepth == rowDepth:
                ready.Add(new SourceRow(parse.RowLine, parse.Cells![..names.Count]) { Problem = parse.Problem });
                parse.Cells = null;
                parse.Problem = null;
                parse.ProblemCount = 0;
                parse.Depth = rowDepth;
                return;
            case JsonTokenType.PropertyName when reader.CurrentDepth == rowDepth + 1:
                var name = reader.GetString()!;
                if (!names.TryFind(name, out var column))
                {
                    if (names.Count == MaxColumns)
                    {
                        throw Error(file, ref reader, data, parse, ImportStrings.Format("Error_JsonTooManyNames", parse.Culture, MaxColumns));
                    }

                    column = names.Add(name);
                }

                if (column >= parse.SeenIn.Length)
                {
                    var seenIn = parse.SeenIn;
                    var keyIn = parse.KeyIn;
                    Array.Resize(ref seenIn, Math.Max(column + 1, seenIn.Length * 2));
                    Array.Resize(ref keyIn, seenIn.Length);
                    parse.SeenIn = seenIn;
                    parse.KeyIn = keyIn;
                }

                // A name given twice in one object (or two names of one column) would silently replace the earlier value (a customer id,
                // a phone): the row is rejected, naming the name(s) and where the second is; the second value is not read.
                if (parse.SeenIn[column] == parse.Objects)
                {
                    // Each repeated name is kept (the import rejects the row only when it reads one of their columns), up to a bound;
                    // past it the last kept counts for any column, so a row of a hostile file costs bounded work and is still rejected.
                    if (parse.ProblemCount < MaxRowProblems)
                    {
                        var (line, position) = Where(ref reader, data, parse);
                        var first = parse.KeyIn[column]!;
                        var reason = string.Equals(first, name, StringComparison.Ordinal)
                            ? ImportReasons.RepeatedKey.Format(parse.Culture, name, line, position)
                            : ImportReasons.RepeatedKeyCleaned.Format(parse.Culture, first, name, line, position);
                        var problem = new RowProblem(column, reason, line, position) { AnyColumn = ++parse.ProblemCount == MaxRowProblems };
                        parse.Problem = parse.Problem is null ? problem : Appended(parse.Problem, problem);
                    }

                    parse.Column = -1;
                    return;
                }

                parse.SeenIn[column] = parse.Objects;
                parse.KeyIn[column] = name;
                parse.Column = column;
                return;
            case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
                when reader.CurrentDepth == rowDepth + 1 && parse.Cells is not null:
                var cells = parse.Cells;
                if (parse.Column < 0)
                {
                    // The value of a repeated name: the row is rejected, and its first value kept in its cells.
                    return;
                }

                if (parse.Column >= cells.Length)
                {
                    Array.Resize(ref cells, Math.Max(parse.Column + 1, cells.Length * 2));
                    parse.Cells = cells;
                }

                cells[parse.Column] = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    JsonTokenType.Number => PlainNumber(reader.ValueSpan),
                    _ => Encoding.UTF8.GetString(reader.ValueSpan),
                };
                return;
            case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth == rowDepth + 1:
                throw Error(file, ref reader, data, parse, ImportStrings.Get("Error_JsonNested", parse.Culture));
            default:
                throw Error(file, ref reader, data, parse, ImportStrings.Get(rowDepth == 1 ? "Error_JsonNotArrayElement" : "Error_JsonLinesNotObject", parse.Culture));
        }
    }

    /// <summary>The largest exponent written out in full; a number with a larger one (1e400) is left as written.</summary>
    private const int MaxExponent = 100;

    /// <summary>
    /// A JSON number as the text of its exact decimal value: as written without an exponent; with one, the decimal point moved and no
    /// rounding (<c>1.5e6</c> → <c>1500000</c>, <c>1e3</c> → <c>1000</c>, <c>1.5e0</c> → <c>1.5</c>, <c>25e-3</c> → <c>0.025</c>; the
    /// digits written after the point stay, so <c>1.50e1</c> → <c>15.0</c>). An exponent beyond ±<see cref="MaxExponent"/> is left as written.
    /// </summary>
    internal static string PlainNumber(ReadOnlySpan<byte> number)
    {
        var written = Encoding.UTF8.GetString(number);
        var e = written.AsSpan().IndexOfAny('e', 'E');
        if (e < 0 || !int.TryParse(written.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            || Math.Abs(exponent) > MaxExponent)
        {
            return written;
        }

        var negative = written[0] == '-';
        var mantissa = written.AsSpan(negative ? 1 : 0, e - (negative ? 1 : 0));
        var point = mantissa.IndexOf('.');
        var whole = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : mantissa[(point + 1)..];
        var digits = string.Concat(whole, fraction);
        var at = whole.Length + exponent;
        var plain = at <= 0 ? "0." + new string('0', -at) + digits
            : at >= digits.Length ? digits + new string('0', at - digits.Length)
            : digits[..at] + "." + digits[at..];
        var leading = 0;
        while (leading < plain.Length - 1 && plain[leading] == '0' && plain[leading + 1] != '.')
        {
            leading++;
        }

        return (negative ? "-" : string.Empty) + plain[leading..];
    }

    private static ImportFileException Error(string file, ref Utf8JsonReader reader, ReadOnlySpan<byte> data, ParseState parse, string message)
    {
        var (line, column) = Where(ref reader, data, parse);
        return new ImportFileException(file, line, column, message);
    }

    /// <summary>The 1-based line and column (in characters; 0 when the line began more than a buffer earlier) of the current token.</summary>
    private static (int Line, int Column) Where(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, ParseState parse)
    {
        var before = data[..(int)Math.Min(reader.TokenStartIndex, data.Length)];
        var lastBreak = before.LastIndexOf((byte)'\n');
        var line = parse.Lines + Newlines(before) + 1;
        var column = lastBreak < 0 && !parse.ChunkAtLineStart ? 0 : Encoding.UTF8.GetCharCount(before[(lastBreak + 1)..]) + 1;
        return (line, column);
    }

    /// <summary>The 1-based column in characters of a byte position on the <paramref name="lineInChunk"/>-th line (from 0) of the buffer.</summary>
    private static int CharColumn(ReadOnlySpan<byte> data, int lineInChunk, int bytePosition)
    {
        if (lineInChunk < 0)
        {
            return 0;
        }

        var start = 0;
        for (var i = 0; i < lineInChunk; i++)
        {
            var next = data[start..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return 0;
            }

            start += next + 1;
        }

        var end = Math.Min(data.Length, start + bytePosition);
        return Encoding.UTF8.GetCharCount(data[start..end]) + 1;
    }

    private static int Newlines(ReadOnlySpan<byte> data) => data.Count((byte)'\n');

    /// <summary>
    /// The columns: a name's column is found by the name as written, else by its cleaned form (<see cref="TextNormalizer.Clean"/>), so
    /// names that clean alike (<c>客户名称</c>, <c> 客户名称 </c>, full-width letters) are one column, named by the first spelling read.
    /// </summary>
    private sealed class Names
    {
        /// <summary>The most spellings remembered as written; past it a name is cleaned each time it is read.</summary>
        private const int MaxSpellings = 4 * MaxColumns;

        private readonly Dictionary<string, int> _written = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _cleaned = new(StringComparer.Ordinal);

        /// <summary>The header of each column: the first spelling read.</summary>
        public List<string> Headers { get; } = [];

        public int Count => Headers.Count;

        public bool TryFind(string name, out int column)
        {
            if (_written.TryGetValue(name, out column))
            {
                return true;
            }

            if (!_cleaned.TryGetValue(TextNormalizer.Clean(name) ?? string.Empty, out column))
            {
                return false;
            }

            if (_written.Count < MaxSpellings)
            {
                _written[name] = column;
            }

            return true;
        }

        public int Add(string name)
        {
            var column = Headers.Count;
            Headers.Add(name);
            _written[name] = column;
            _cleaned[TextNormalizer.Clean(name) ?? string.Empty] = column;
            return column;
        }
    }

    /// <summary>Where the reader is between tokens and chunks.</summary>
    private sealed class ParseState(int rowDepth)
    {
        public int RowDepth { get; } = rowDepth;

        /// <summary>The language of the reader's messages; null for the current UI culture.</summary>
        public CultureInfo? Culture { get; init; }

        public int Depth { get; set; }

        public bool SawArray { get; set; }

        public int Lines { get; set; }

        public int RowLine { get; set; }

        /// <summary>Whether the bytes now in the buffer begin a line (byte positions in an error can then be turned into characters).</summary>
        public bool ChunkAtLineStart { get; set; } = true;

        public int Column { get; set; }

        /// <summary>How many objects the pass has begun; the current object's number.</summary>
        public int Objects { get; set; }

        /// <summary>Per column, the number of the object that last gave it a value (a name given twice in one object is refused).</summary>
        public int[] SeenIn { get; set; } = new int[16];

        /// <summary>Per column, the name the current object gave it (for the reason when it gives the column a second name).</summary>
        public string?[] KeyIn { get; set; } = new string?[16];

        /// <summary>What makes the current object's row unreadable (its first repeated name); null while none.</summary>
        public RowProblem? Problem { get; set; }

        /// <summary>How many problems <see cref="Problem"/> chains.</summary>
        public int ProblemCount { get; set; }

        public string?[]? Cells { get; set; }
    }
}
