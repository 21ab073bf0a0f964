using System.Globalization;
using System.Text;

namespace CrmCore.Cli.Output;

/// <summary>
/// Escapes text that came from user files (rule names, messages, values) before it is printed: control characters, line
/// breaks and bidirectional overrides become visible escapes, so a file can neither colour the terminal nor forge a second
/// diagnostic line.
/// </summary>
internal static class TerminalText
{
    /// <summary>Escapes every control, line-break and bidi-control character of a one-line text.</summary>
    public static string Escape(string text)
    {
        var i = 0;
        while (i < text.Length && !NeedsEscape(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c))
            {
                result.Append(c);
                continue;
            }

            result.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u001B' => "\\e",
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return result.ToString();
    }

    /// <summary>Escapes each line of a multi-line text, keeping its own line breaks.</summary>
    public static string EscapeLines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var cr = line.EndsWith('\r');
            lines[i] = Escape(cr ? line[..^1] : line) + (cr ? "\r" : string.Empty);
        }

        return string.Join('\n', lines);
    }

    private static bool NeedsEscape(char c)
        => char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';
}
