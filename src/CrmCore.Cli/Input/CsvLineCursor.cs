namespace CrmCore.Cli.Input;

/// <summary>
/// Finds the physical line on which each CSV record starts, honouring quoted fields that span lines (a blank line
/// is a record of its own, as for the CSV reader), so that problems point at the line an analyst sees in an editor.
/// </summary>
internal sealed class CsvLineCursor(string text)
{
    private int _position;
    private int _line = 1;

    /// <summary>Moves past the next record and returns the line it starts on, or 0 at the end.</summary>
    public int NextRecordLine()
    {
        if (_position >= text.Length)
        {
            return 0;
        }

        var start = _line;
        var quoted = false;
        while (_position < text.Length)
        {
            var ch = text[_position++];
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == '\n')
            {
                _line++;
                if (!quoted)
                {
                    break;
                }
            }
        }

        return start;
    }
}
