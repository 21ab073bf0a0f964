using System.Text;
using System.Text.Json;

namespace CrmCore.Decoding;

/// <summary>
/// The lines of a UTF-8 text, to turn byte positions (a <see cref="Utf8JsonReader"/> token's index, a <see cref="JsonException"/>'s line
/// and byte) into the 1-based line and column a user sees. Columns count UTF-16 characters, as editors and .NET string indexes do: a
/// Chinese character is one column, an emoji (a surrogate pair) two. Lines end at <c>\n</c>. The one position helper of every JSON
/// reader in CrmCore and <c>crm</c>, which compiles this file in as a linked source (so it must use nothing else internal to CrmCore).
/// Not thread-safe: it remembers the last position to count on from it.
/// </summary>
internal sealed class LineIndex
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];
    private int _lastLine = -1;
    private int _lastOffset;
    private int _lastColumn = 1;

    /// <summary>Indexes the lines of <paramref name="utf8"/> (kept, not copied).</summary>
    /// <param name="utf8">The text as UTF-8 bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="utf8"/> is null.</exception>
    public LineIndex(byte[] utf8)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        _utf8 = utf8;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>The indexed text.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>Indexes a string's UTF-8 encoding (what <see cref="JsonDocument.Parse(string, JsonDocumentOptions)"/> reads).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The index.</returns>
    public static LineIndex Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new LineIndex(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The 1-based line and column (in UTF-16 characters) of a byte offset; an offset outside the text stops at its ends, one
    /// inside a character's bytes is that character's.</summary>
    /// <param name="offset">The 0-based byte offset.</param>
    /// <returns>The position.</returns>
    public (int Line, int Column) Position(long offset)
    {
        var at = (int)Math.Clamp(offset, 0, _utf8.Length);

        // An offset inside a character's bytes is that character's position (a lead byte is at most 3 bytes back).
        for (var back = 0; back < 3 && at > 0 && at < _utf8.Length && (_utf8[at] & 0xC0) == 0x80; back++)
        {
            at--;
        }

        var index = _lineStarts.BinarySearch(at);
        var line = index >= 0 ? index : ~index - 1;

        // Offsets mostly arrive in increasing order: count on from the previous one on the same line (linear overall).
        var from = _lineStarts[line];
        var column = 1;
        if (_lastLine == line && _lastOffset <= at)
        {
            from = _lastOffset;
            column = _lastColumn;
        }

        column += Encoding.UTF8.GetCharCount(_utf8.AsSpan(from, at - from));
        (_lastLine, _lastOffset, _lastColumn) = (line, at, column);
        return (line + 1, column);
    }

    /// <summary>
    /// The byte offset of a position given as a 0-based line and a byte in it, as <see cref="JsonException.LineNumber"/> and
    /// <see cref="JsonException.BytePositionInLine"/> give it; a byte past the end of its line stops at the line's end, a line past
    /// the text at its last line.
    /// </summary>
    /// <param name="line">The 0-based line; null means 0.</param>
    /// <param name="byteInLine">The 0-based byte in the line; null means 0.</param>
    /// <returns>The offset, from 0 to the text's length.</returns>
    public int OffsetOf(long? line, long? byteInLine)
    {
        var l = (int)Math.Clamp(line ?? 0, 0, _lineStarts.Count - 1);
        var start = _lineStarts[l];
        var end = l + 1 < _lineStarts.Count ? _lineStarts[l + 1] - 1 : _utf8.Length;
        return (int)Math.Clamp(start + Math.Max(0, byteInLine ?? 0), start, end);
    }

    /// <summary>The 1-based line and column of a position given as a 0-based line and a byte in it (see <see cref="OffsetOf"/>).</summary>
    /// <param name="line">The 0-based line; null means 0.</param>
    /// <param name="byteInLine">The 0-based byte in the line; null means 0.</param>
    /// <returns>The position.</returns>
    public (int Line, int Column) PositionOfLineByte(long? line, long? byteInLine) => Position(OffsetOf(line, byteInLine));

    /// <summary>The 1-based line and column of a JSON reader's error in this text.</summary>
    /// <param name="error">The error, thrown while reading this text.</param>
    /// <returns>The position.</returns>
    public (int Line, int Column) PositionOf(JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return PositionOfLineByte(error.LineNumber, error.BytePositionInLine);
    }
}
