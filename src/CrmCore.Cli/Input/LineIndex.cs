using System.Text;

namespace CrmCore.Cli.Input;

/// <summary>Maps UTF-8 byte offsets in a file to 1-based line and character column numbers.</summary>
internal sealed class LineIndex
{
    private readonly byte[] _bytes;
    private readonly List<int> _lineStarts = [0];

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
        var column = Encoding.UTF8.GetCharCount(_bytes.AsSpan(_lineStarts[line], at - _lineStarts[line])) + 1;
        return (line + 1, column);
    }
}
