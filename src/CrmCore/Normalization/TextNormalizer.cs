using System.Runtime.CompilerServices;
using System.Text;

namespace CrmCore.Normalization;

/// <summary>
/// Cleans text typed into spreadsheets. <see cref="Clean"/> is the form a text is kept in: full-width digits and letters
/// (<c>ＡＢＣ１２３</c>) become half-width, the ideographic space and runs of white space (including non-breaking spaces and line breaks)
/// become one space, and the ends are trimmed; Chinese characters and all punctuation, full-width included (<c>，。：！（）</c>), are kept.
/// <see cref="Fold"/> is the form to compare and parse: the same, with full-width punctuation and symbols (U+FF01 to U+FF5E) made ASCII
/// too, so <c>（中国）</c> and <c>(中国)</c>, <c>１，２００</c> and <c>1,200</c>, <c>２０２６／３／１</c> and <c>2026/3/1</c> read alike.
/// No I/O; thread-safe (stateless).
/// </summary>
public static class TextNormalizer
{
    /// <summary>Cleans a value for keeping: full-width digits and letters made half-width, white space collapsed and trimmed, punctuation kept.</summary>
    /// <param name="value">The raw text, or null.</param>
    /// <returns>The cleaned text, or null when the value is null, empty or only white space.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? Clean(string? value) => Tidy<Kept>(value);

    /// <summary>
    /// Cleans a value for comparing or parsing: as <see cref="Clean"/>, and every full-width ASCII character (U+FF01 to U+FF5E,
    /// punctuation and symbols included) made half-width, as <see cref="ToHalfWidth"/> maps it.
    /// </summary>
    /// <param name="value">The raw text, or null.</param>
    /// <returns>The folded text, or null when the value is null, empty or only white space.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? Fold(string? value) => Tidy<Folded>(value);

    /// <summary>Maps one full-width ASCII character (U+FF01 to U+FF5E) or the ideographic space (U+3000) to its half-width form.</summary>
    /// <param name="c">The character.</param>
    /// <returns>The half-width character, or <paramref name="c"/> unchanged.</returns>
    public static char ToHalfWidth(char c) => c switch
    {
        '\u3000' => ' ',
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        _ => c,
    };

    /// <summary>Maps one full-width digit or Latin letter (U+FF10 to U+FF19, U+FF21 to U+FF3A, U+FF41 to U+FF5A) or the ideographic space
    /// to its half-width form, as <see cref="Clean"/> does; full-width punctuation is returned unchanged.</summary>
    /// <param name="c">The character.</param>
    /// <returns>The half-width character, or <paramref name="c"/> unchanged.</returns>
    internal static char ToHalfWidthLetterOrDigit(char c) => IsFullWidthLetterOrDigit(c) || c == '\u3000' ? ToHalfWidth(c) : c;

    /// <summary>
    /// Whether a character is one <see cref="Clean"/> changes or drops: white space, a control character, the ideographic space or a
    /// full-width digit or letter. The same set as <c>char.IsWhiteSpace(c) || char.IsControl(c) || ToHalfWidthLetterOrDigit(c) != c</c> (a
    /// test checks every character), in a few comparisons instead of two Unicode category look-ups: most text (Chinese above all) is not in it.
    /// </summary>
    /// <param name="c">The character.</param>
    /// <returns>True when cleaning changes or drops it.</returns>
    internal static bool IsSpecial(char c) => c switch
    {
        <= ' ' => true,
        < '\u007F' => false,
        <= '\u00A0' => true,
        < '\u1680' => false,
        > '\u3000' => IsFullWidthLetterOrDigit(c),
        _ => IsSpace(c),
    };

    /// <summary>
    /// Whether a character is one <see cref="Fold"/> changes or drops: white space, a control character, the ideographic space or any
    /// full-width ASCII character. The same set as <c>char.IsWhiteSpace(c) || char.IsControl(c) || ToHalfWidth(c) != c</c> (a test checks
    /// every character).
    /// </summary>
    /// <param name="c">The character.</param>
    /// <returns>True when folding changes or drops it.</returns>
    internal static bool IsFoldSpecial(char c) => c switch
    {
        <= ' ' => true,
        < '\u007F' => false,
        <= '\u00A0' => true,
        < '\u1680' => false,
        > '\u3000' => (uint)(c - '\uFF01') <= 0xFF5E - 0xFF01,
        _ => IsSpace(c),
    };

    /// <summary>The white space from U+1680 to U+3000 (the caller has checked the range).</summary>
    private static bool IsSpace(char c) =>
        c == '\u1680' || (uint)(c - '\u2000') <= 0x0A || c is '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000';

    private static bool IsFullWidthLetterOrDigit(char c) =>
        (uint)(c - '\uFF10') <= 9 || (uint)(c - '\uFF21') <= 25 || (uint)(c - '\uFF41') <= 25;

    /// <summary>Cleans a value the way <typeparamref name="TForm"/> says (a struct, so that each form gets code of its own, without a test per character).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? Tidy<TForm>(string? value)
        where TForm : struct, IForm
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (IsClean<TForm>(value))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var raw in value)
        {
            var c = TForm.Map(raw);
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

    private static bool IsClean<TForm>(string value)
        where TForm : struct, IForm
    {
        var span = value.AsSpan();
        if (TForm.IsSpecial(span[0]) || TForm.IsSpecial(span[^1]))
        {
            return false;
        }

        // The only special character clean text holds is a single ASCII space between two others (never at the ends, checked above).
        for (var i = 1; i < span.Length - 1; i++)
        {
            var c = span[i];
            if (TForm.IsSpecial(c) && (c != ' ' || span[i + 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A form of cleaned text: how a character maps, and which characters cleaning changes or drops.</summary>
    private interface IForm
    {
        static abstract char Map(char c);

        static abstract bool IsSpecial(char c);
    }

    /// <summary><see cref="Clean"/>'s form: punctuation kept.</summary>
    private readonly struct Kept : IForm
    {
        public static char Map(char c) => ToHalfWidthLetterOrDigit(c);

        public static bool IsSpecial(char c) => TextNormalizer.IsSpecial(c);
    }

    /// <summary><see cref="Fold"/>'s form: all full-width ASCII made half-width.</summary>
    private readonly struct Folded : IForm
    {
        public static char Map(char c) => ToHalfWidth(c);

        public static bool IsSpecial(char c) => IsFoldSpecial(c);
    }
}
