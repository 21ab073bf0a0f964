using System.Text;

namespace CrmCore.Normalization;

/// <summary>
/// Cleans text typed into spreadsheets: full-width ASCII (<c>ＡＢＣ１２３</c>, the ideographic space) becomes half-width, runs of
/// white space (including non-breaking spaces and line breaks) become one space, and the ends are trimmed. Chinese characters and
/// Chinese punctuation other than the full-width ASCII block are kept. No I/O; thread-safe (stateless).
/// </summary>
public static class TextNormalizer
{
    /// <summary>Cleans a value.</summary>
    /// <param name="value">The raw text, or null.</param>
    /// <returns>The cleaned text, or null when the value is null, empty or only white space.</returns>
    public static string? Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (IsClean(value))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var raw in value)
        {
            var c = ToHalfWidth(raw);
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>Maps one full-width ASCII character (U+FF01 to U+FF5E) or the ideographic space (U+3000) to its half-width form.</summary>
    /// <param name="c">The character.</param>
    /// <returns>The half-width character, or <paramref name="c"/> unchanged.</returns>
    public static char ToHalfWidth(char c) => c switch
    {
        '\u3000' => ' ',
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        _ => c,
    };

    private static bool IsClean(string value)
    {
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return false;
        }

        var previousSpace = false;
        foreach (var c in value)
        {
            if (c is '\u3000' or (>= '\uFF01' and <= '\uFF5E') || char.IsControl(c) || (char.IsWhiteSpace(c) && (c != ' ' || previousSpace)))
            {
                return false;
            }

            previousSpace = c == ' ';
        }

        return true;
    }
}
