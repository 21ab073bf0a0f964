using System.Runtime.CompilerServices;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// Whether a character is one <see cref="Clean"/> changes or drops: white space, a control character, the ideographic space or
    /// full-width ASCII. The same set as <c>char.IsWhiteSpace(c) || char.IsControl(c) || ToHalfWidth(c) != c</c> (a test checks every
    /// character), in a few comparisons instead of two Unicode category look-ups: most text (Chinese above all) is not in it.
    /// </summary>
    /// <param name="c">The character.</param>
    /// <returns>True when cleaning changes or drops it.</returns>
    internal static bool IsSpecial(char c) => c switch
    {
        <= ' ' => true,
        < '\u007F' => false,
        <= '\u00A0' => true,
        < '\u1680' => false,
        > '\u3000' => (uint)(c - '\uFF01') <= 0xFF5E - 0xFF01,
        _ => c == '\u1680' || (uint)(c - '\u2000') <= 0x0A || c is '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000',
    };

    private static bool IsClean(string value)
    {
        var span = value.AsSpan();
        if (IsSpecial(span[0]) || IsSpecial(span[^1]))
        {
            return false;
        }

        // The only special character clean text holds is a single ASCII space between two others (never at the ends, checked above).
        for (var i = 1; i < span.Length - 1; i++)
        {
            var c = span[i];
            if (IsSpecial(c) && (c != ' ' || span[i + 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }
}
