using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrmCore.Rules.Loading;

/// <summary>A JSON value with the line and column of its first character and its JSON path.</summary>
internal sealed class JNode
{
    public JsonValueKind Kind { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    public string Path { get; init; } = "$";

    public List<JProperty> Properties { get; } = [];

    public List<JNode> Items { get; } = [];

    public string? Text { get; init; }

    public string KindName => Kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null", // the reader makes no other kind
    };
}

/// <summary>An object member: the key with its own position, and the value.</summary>
internal sealed record JProperty(string Name, int Line, int Column, JNode Value);

/// <summary>
/// Reads UTF-8 JSON (with or without BOM) into a small tree that keeps the line and column of every key and value,
/// which <see cref="JsonDocument"/> does not.
/// </summary>
internal static class JsonNodeReader
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static JNode Read(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith(Bom))
        {
            utf8 = utf8[3..];
        }

        var lines = new LineMap(utf8);
        // The reader itself rejects an empty file (no token) and, as it reads one value only, content after the value: both as a
        // positioned JsonException. Comments and blanks after the value just end the reading.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        reader.Read();
        var root = ReadValue(ref reader, lines, "$");
        reader.Read();
        return root;
    }

    /// <summary>
    /// Finds the 1-based line and character column of a reader error given as a 0-based line and a byte position in that line
    /// (as <see cref="JsonException"/> reports them), so multi-byte text before the error does not shift the column.
    /// </summary>
    public static (int Line, int Column) LocateError(ReadOnlySpan<byte> utf8, long lineNumber, long bytePositionInLine)
    {
        if (utf8.StartsWith(Bom))
        {
            utf8 = utf8[3..];
        }

        var map = new LineMap(utf8);
        return map.Locate(map.StartOfLine(lineNumber) + bytePositionInLine);
    }

    private static JNode ReadValue(ref Utf8JsonReader reader, LineMap lines, string path)
    {
        var (line, col) = lines.Locate(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new JNode { Kind = JsonValueKind.Object, Line = line, Column = col, Path = path };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (kl, kc) = lines.Locate(reader.TokenStartIndex);
                    var name = GetString(ref reader, lines);
                    reader.Read();
                    var value = ReadValue(ref reader, lines, path + "." + name);
                    node.Properties.Add(new JProperty(name, kl, kc, value));
                }

                return node;
            }

            case JsonTokenType.StartArray:
            {
                var node = new JNode { Kind = JsonValueKind.Array, Line = line, Column = col, Path = path };
                var i = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    node.Items.Add(ReadValue(ref reader, lines, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
                    i++;
                }

                return node;
            }

            case JsonTokenType.String:
                return new JNode { Kind = JsonValueKind.String, Line = line, Column = col, Path = path, Text = GetString(ref reader, lines) };
            case JsonTokenType.Number:
                return new JNode
                {
                    Kind = JsonValueKind.Number, Line = line, Column = col, Path = path,
                    Text = Encoding.UTF8.GetString(reader.ValueSpan), // one contiguous span: never a value sequence
                };
            case JsonTokenType.True:
                return new JNode { Kind = JsonValueKind.True, Line = line, Column = col, Path = path, Text = "true" };
            case JsonTokenType.False:
                return new JNode { Kind = JsonValueKind.False, Line = line, Column = col, Path = path, Text = "false" };
            default:
                return new JNode { Kind = JsonValueKind.Null, Line = line, Column = col, Path = path };
        }
    }

    /// <summary>
    /// Reads a string token; an escape that makes invalid UTF-16 (a lone surrogate such as <c>\ud800</c>) becomes a positioned
    /// <see cref="JsonException"/> instead of the reader's <see cref="InvalidOperationException"/>.
    /// </summary>
    private static string GetString(ref Utf8JsonReader reader, LineMap lines)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            var (line0, byteInLine) = lines.LineAndByte(reader.TokenStartIndex);
            throw new JsonException($"A string holds an invalid escape (a lone surrogate such as \\ud800 is not text): {e.Message}", null, line0, byteInLine);
        }
    }

    /// <summary>Maps byte offsets to 1-based line and character column.</summary>
    private readonly ref struct LineMap
    {
        private readonly ReadOnlySpan<byte> _text;
        private readonly List<int> _starts;
        private readonly Cursor _cursor = new();

        public LineMap(ReadOnlySpan<byte> text)
        {
            _text = text;
            _starts = [0];
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        /// <summary>The byte offset where a 0-based line starts (the last line when out of range).</summary>
        public long StartOfLine(long line) => _starts[(int)Math.Clamp(line, 0, _starts.Count - 1)];

        /// <summary>The 0-based line and the byte position in that line of a byte offset.</summary>
        public (long Line, long Byte) LineAndByte(long offset)
        {
            var index = _starts.BinarySearch((int)offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            return (index, offset - _starts[index]);
        }

        public (int Line, int Column) Locate(long offset)
        {
            var index = _starts.BinarySearch((int)offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            // Offsets arrive in increasing order while the file is read (each map locates either the tokens of one read, in order, or
            // one error): continue counting from the previous one on the same line, so a file written on one long line is located
            // in linear time overall (not quadratic).
            var from = _starts[index];
            var col = 1;
            if (_cursor.Line == index)
            {
                from = (int)_cursor.Offset;
                col = _cursor.Column;
            }

            for (var i = from; i < offset && i < _text.Length; i++)
            {
                if ((_text[i] & 0xC0) != 0x80)
                {
                    col++;
                }
            }

            _cursor.Line = index;
            _cursor.Offset = offset;
            _cursor.Column = col;
            return (index + 1, col);
        }

        /// <summary>The last located offset, its 0-based line and its column.</summary>
        private sealed class Cursor
        {
            public int Line { get; set; } = -1;

            public long Offset { get; set; }

            public int Column { get; set; } = 1;
        }
    }
}
