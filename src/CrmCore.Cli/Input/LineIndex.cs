using System.Text;

namespace CrmCore.Cli.Input;

/// <summary>Maps UTF-8 byte offsets in a file to 1-based line and character column numbers.</summary>
internal sealed class LineIndex
{
    private readonly byte[] _bytes;
    private readonly List<int> _lineStarts = [0];
    private int _lastLine = -1;
    private int _lastOffset;
    private int _lastColumn = 1;

    public LineIndex(byte[] bytes)
    {
        _bytes = bytes;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>Gets the 1-based line and column (in characters) of a byte offset.</summary>
    public (int Line, int Column) Position(long offset)
    {
        var at = (int)Math.Clamp(offset, 0, _bytes.Length);
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

        column += Encoding.UTF8.GetCharCount(_bytes.AsSpan(from, at - from));
        (_lastLine, _lastOffset, _lastColumn) = (line, at, column);
        return (line + 1, column);
    }

    /// <summary>Gets the 1-based line and character column of a position given as a 0-based line and a byte in it (as <see cref="System.Text.Json.JsonException"/> reports).</summary>
    public (int Line, int Column) PositionOfLineByte(long line, long byteInLine)
    {
        var start = _lineStarts[(int)Math.Clamp(line, 0, _lineStarts.Count - 1)];
        return Position(start + byteInLine);
    }
}
