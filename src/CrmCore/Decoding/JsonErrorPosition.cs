namespace CrmCore.Decoding;

/// <summary>
/// Turns the position a <see cref="System.Text.Json.JsonException"/> gives (a 0-based line and a 0-based UTF-8 byte within it) into the
/// 1-based line and character column a user sees in an editor, for the text that was parsed. Without the conversion every Chinese
/// character before the error on its line would count three columns.
/// </summary>
internal static class JsonErrorPosition
{
    /// <summary>The 1-based line and column (in UTF-16 characters) of a JSON error's position in <paramref name="text"/>.</summary>
    /// <param name="text">The text that was parsed.</param>
    /// <param name="lineNumber">The exception's <see cref="System.Text.Json.JsonException.LineNumber"/> (0-based); null means 0.</param>
    /// <param name="bytePositionInLine">The exception's <see cref="System.Text.Json.JsonException.BytePositionInLine"/> (0-based, in
    /// UTF-8 bytes); null means 0.</param>
    /// <returns>The position; a position past the end of its line or of the text stops there.</returns>
    public static (int Line, int Column) Of(string text, long? lineNumber, long? bytePositionInLine)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = Math.Max(0, lineNumber ?? 0);
        var start = 0;
        for (var seen = 0L; seen < line; seen++)
        {
            var next = text.IndexOf('\n', start);
            if (next < 0)
            {
                break;
            }

            start = next + 1;
        }

        var bytes = Math.Max(0, bytePositionInLine ?? 0);
        var at = start;
        var counted = 0L;
        while (at < text.Length && counted < bytes && text[at] != '\n')
        {
            var c = text[at];
            if (char.IsHighSurrogate(c) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]))
            {
                counted += 4;
                at += 2;
                continue;
            }

            counted += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            at++;
        }

        return ((int)Math.Min(int.MaxValue, line + 1), at - start + 1);
    }
}
