using System.Runtime.CompilerServices;
using System.Globalization;

namespace CrmCore.Normalization;

/// <summary>
/// Brings phone numbers to one canonical form, E.164 with the country code: <c>+8613812345678</c> for a mainland mobile,
/// <c>+862112345678</c> for a Shanghai landline (area code without its trunk 0), <c>+864008001234</c> for a 400/800 hotline.
/// Accepted input: spaces, dashes, dots and brackets (also full-width), a <c>+86</c>/<c>0086</c>/<c>86</c> prefix, an extension after
/// <c>转</c>, <c>分机</c>, <c>ext</c>, <c>x</c> or <c>#</c>, or after a dash that follows a complete landline with its area code
/// (<c>010-12345609-808</c>, <c>+86-10-88889999-808</c>, <c>86 10 8888 9999-808</c>; a mobile or a hotline takes no dash
/// extension, so <c>+86-138-0000-0000</c> is a mobile) (dropped: the canonical form names the line), an extension being 1 to 6 digits
/// (a longer run after a mark, as in <c>010-88889999转13800030001</c>, is no extension but something else:
/// <see cref="TryNormalize(ReadOnlySpan{char}, out string, out string)"/> gives the line without one), and other countries' numbers with their
/// <c>+</c> or <c>00</c> prefix kept as they are. Landlines need their area code (a bare 7 or 8 digit number names no line).
/// The canonical form also fits a <see cref="ulong"/> (<see cref="TryGetKey"/>), which lets indexes look numbers up without allocating.
/// No I/O; thread-safe (stateless).
/// </summary>
public static class PhoneNormalizer
{
    private const int MaxDigits = 18;

    /// <summary>The most digits an extension has (6): it names a desk behind a switchboard. A longer run after an extension mark is a
    /// number of its own (<c>010-88889999转13800030001</c>: a landline and a mobile) or a mistake, never an extension.</summary>
    internal const int MaxExtensionDigits = 6;

    /// <summary>Normalises a phone number.</summary>
    /// <param name="text">The raw text.</param>
    /// <param name="canonical">The canonical form, for example <c>+8613812345678</c>.</param>
    /// <returns>True when the text is a phone number this normaliser understands.</returns>
    public static bool TryNormalize(ReadOnlySpan<char> text, out string canonical)
    {
        if (TryGetKey(text, out var key))
        {
            canonical = FromKey(key);
            return true;
        }

        canonical = string.Empty;
        return false;
    }

    /// <summary>The canonical number as an integer (its digits after the <c>+</c>); the same number in any accepted form gives the same key. Does not allocate.</summary>
    /// <param name="text">The raw text.</param>
    /// <param name="key">The key.</param>
    /// <returns>True when the text is a phone number this normaliser understands.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryGetKey(ReadOnlySpan<char> text, out ulong key) => TryRead(text, out key, out _);

    /// <summary>
    /// Reads a number: its key, and where its extension starts in the text (after <c>转</c>, <c>分机</c>, <c>ext</c>, <c>x</c>, <c>#</c>,
    /// or after the last dash of a complete landline followed by 1 to 6 digits, as in <c>010-12345609-808</c> or
    /// <c>+86-10-88889999-808</c>), or -1 when it has none. The whole run of digits is read as a line first: a dash only starts an
    /// extension when the digits with it are no line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryRead(ReadOnlySpan<char> text, out ulong key, out int extensionAt)
    {
        key = 0;
        extensionAt = -1;
        Span<char> digits = stackalloc char[MaxDigits + 4];
        var length = 0;
        var plus = false;
        var started = false;
        var dashLength = -1;
        var dashAt = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = TextNormalizer.ToHalfWidth(text[i]);
            if (char.IsAsciiDigit(c))
            {
                if (length == digits.Length)
                {
                    return false;
                }

                digits[length++] = c;
                started = true;
                continue;
            }

            switch (c)
            {
                case '+' when !started:
                    plus = true;
                    started = true;
                    break;
                case '-':
                    if (length > 0)
                    {
                        dashLength = length;
                        dashAt = i + 1;
                    }

                    break;
                case ' ' or '.' or '(' or ')' or '（' or '）' or '\t':
                    if (dashAt >= 0)
                    {
                        dashAt = -2;
                    }

                    break;
                case '转' or 'x' or 'X' or '#' or 'e' or 'E' when length > 0:
                    extensionAt = i + 1;
                    i = text.Length;
                    break;
                case '分' when length > 0 && i + 1 < text.Length && text[i + 1] == '机':
                    extensionAt = i + 2;
                    i = text.Length;
                    break;
                default:
                    return false;
            }
        }

        if (Line(digits[..length], plus, out key))
        {
            return true;
        }

        // An extension after a dash: the digits before the last dash are a complete landline with its area code, written at home (0…) or
        // with the country code (+86, 0086, 86), and 1 to 6 digits, nothing else, follow it (010-12345609-808, 0571-88880000-66,
        // +86-10-88889999-808). Only a landline takes one: a mobile's or a hotline's digits before a dash are no line with an extension.
        if (extensionAt < 0 && dashAt >= 0 && length - dashLength is >= 1 and <= MaxExtensionDigits && Landline(digits[..dashLength], plus, out key))
        {
            extensionAt = dashAt;
            return true;
        }

        key = 0;
        return false;
    }

    private static bool Line(ReadOnlySpan<char> d, bool plus, out ulong key)
    {
        key = 0;
        if (plus)
        {
            if (!d.StartsWith("86"))
            {
                return d.Length is >= 8 and <= 15 && Digits(d, out key);
            }

            d = d[2..];
            if (d.Length > 0 && d[0] == '0')
            {
                d = d[1..];
            }

            return National(d, trunkRemoved: true, out key);
        }

        if (d.StartsWith("0086"))
        {
            return National(d[4..], trunkRemoved: true, out key);
        }

        if (d.StartsWith("00"))
        {
            return d.Length is >= 10 and <= 17 && Digits(d[2..], out key);
        }

        // 86 without its +, read as +86 (8613812345678, 86-10-88889999): no number at home starts 86 (a mobile starts 1, a landline
        // its trunk 0, a hotline 400 or 800).
        if (d.StartsWith("86"))
        {
            return National(WithoutTrunk(d[2..]), trunkRemoved: true, out key);
        }

        return National(d, trunkRemoved: false, out key);
    }

    /// <summary>
    /// Reads the digits of a landline with its area code: at home (<c>0</c> and the area code), or after the country code (<c>+86</c>,
    /// <c>0086</c> or <c>86</c>, the trunk 0 optional after <c>+86</c> and <c>86</c>). Mobiles and 400/800 hotlines are not landlines.
    /// </summary>
    private static bool Landline(ReadOnlySpan<char> d, bool plus, out ulong key)
    {
        key = 0;
        ReadOnlySpan<char> national;
        if (d.StartsWith("86"))
        {
            national = WithoutTrunk(d[2..]);
        }
        else if (plus)
        {
            return false;
        }
        else if (d.StartsWith("0086"))
        {
            national = d[4..];
        }
        else if (d.Length > 0 && d[0] == '0')
        {
            national = d[1..];
        }
        else
        {
            return false;
        }

        return AreaAndNumber(national) && WithCountry(national, out key);
    }

    /// <summary>A national number without its trunk 0 that is a landline: an area code (Beijing's 10, or 2 to 9 first) and its number,
    /// 9 to 11 digits in all, and no 400/800 hotline.</summary>
    private static bool AreaAndNumber(ReadOnlySpan<char> national) =>
        national.Length is >= 9 and <= 11
        && (national[0] is >= '2' and <= '9' || national.StartsWith("10"))
        && !(national.Length == 10 && (national.StartsWith("400") || national.StartsWith("800")));

    private static ReadOnlySpan<char> WithoutTrunk(ReadOnlySpan<char> d) => d.Length > 0 && d[0] == '0' ? d[1..] : d;

    /// <summary>
    /// Normalises a phone number and keeps its extension: the canonical form of the line, as <see cref="TryNormalize(ReadOnlySpan{char}, out string)"/>
    /// gives it, and the digits after <c>转</c>, <c>分机</c>, <c>ext</c>, <c>x</c> or <c>#</c>, or after the last dash of a complete landline
    /// (<c>010-12345609-808</c>, <c>+86-10-88889999-808</c>: 1 to 6 digits) (full-width digits made half-width), which name a desk on
    /// that line. The key (<see cref="TryGetKey"/>) stays the line's, so the same line with or without an extension is one number for
    /// matching and caller id.
    /// </summary>
    /// <param name="text">The raw text.</param>
    /// <param name="canonical">The line's canonical form, for example <c>+861012345606</c>.</param>
    /// <param name="extension">The extension's digits, for example <c>808</c>; empty when the text has none, when the mark has nothing
    /// after it, or when what follows the mark is not 1 to 6 digits (<c>010-88889999转13800030001</c> gives
    /// the line <c>+861088889999</c> and no extension: the mobile after the mark is no extension).</param>
    /// <returns>True when the text is a phone number this normaliser understands.</returns>
    public static bool TryNormalize(ReadOnlySpan<char> text, out string canonical, out string extension)
    {
        var read = TryGetKeyAndExtension(text, out var key, out extension, out _);
        canonical = read ? FromKey(key) : string.Empty;
        return read;
    }

    /// <summary>
    /// The line's key (<see cref="TryGetKey(ReadOnlySpan{char}, out ulong)"/>) and its extension's digits, and whether the text is all one
    /// number: false when something other than an extension's 1 to <see cref="MaxExtensionDigits"/> digits follows an extension mark
    /// (<c>010-88889999转123、13800030001</c>, where a second number follows; <c>010-88889999转13800030001</c>, where the digits after the
    /// mark are a mobile, too many for an extension), so that the caller looks for more numbers in the text instead of keeping only the
    /// first line.
    /// </summary>
    internal static bool TryGetKeyAndExtension(ReadOnlySpan<char> text, out ulong key, out string extension, out bool whole) =>
        TryGetKeyAndExtension(text, out key, out extension, out whole, out _);

    /// <summary>
    /// As <see cref="TryGetKeyAndExtension(ReadOnlySpan{char}, out ulong, out string, out bool)"/>, and whether an extension mark ends
    /// the text with no digits after it (<c>010-88889999转</c>, <c>010-88889999 ext.</c>): the text is then one number, the line, with an
    /// empty extension, which the caller may want to report.
    /// </summary>
    internal static bool TryGetKeyAndExtension(ReadOnlySpan<char> text, out ulong key, out string extension, out bool whole, out bool emptyExtension)
    {
        extension = string.Empty;
        whole = true;
        emptyExtension = false;
        if (!TryRead(text, out key, out var at))
        {
            return false;
        }

        if (at >= 0)
        {
            extension = ExtensionDigits(text[at..], out emptyExtension);
            whole = extension.Length > 0 || emptyExtension;
        }

        return true;
    }

    /// <summary>The text of a phone with its extension: the canonical line, <c>转</c> and the extension (<c>+861012345606转808</c>),
    /// which <see cref="TryGetKey"/> reads as the line.</summary>
    /// <param name="canonical">The line's canonical form.</param>
    /// <param name="extension">The extension's digits; empty for none.</param>
    /// <returns>The text.</returns>
    public static string WithExtension(string canonical, string extension) => extension.Length == 0 ? canonical : canonical + "转" + extension;

    /// <summary>The digits after an extension mark (<c>xt</c> of <c>ext</c>, dots and spaces skipped), or empty when anything else follows
    /// or the digits are more than <see cref="MaxExtensionDigits"/>; <paramref name="empty"/> when nothing but those skipped characters
    /// (or nothing at all) follows the mark.</summary>
    private static string ExtensionDigits(ReadOnlySpan<char> rest, out bool empty)
    {
        empty = false;
        Span<char> digits = stackalloc char[MaxExtensionDigits];
        var length = 0;
        foreach (var raw in rest.Trim())
        {
            var c = TextNormalizer.ToHalfWidth(raw);
            if (char.IsAsciiDigit(c))
            {
                if (length == digits.Length)
                {
                    return string.Empty;
                }

                digits[length++] = c;
            }
            else if (!(length == 0 && c is 'x' or 'X' or 't' or 'T' or '.' or ':' or ' ' or '：'))
            {
                return string.Empty;
            }
        }

        empty = length == 0;
        return new string(digits[..length]);
    }

    /// <summary>The canonical text of a key from <see cref="TryGetKey"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns><c>+</c> and the key's digits.</returns>
    public static string FromKey(ulong key) => string.Create(CultureInfo.InvariantCulture, $"+{key}");

    private static bool National(ReadOnlySpan<char> d, bool trunkRemoved, out ulong key)
    {
        key = 0;
        if (d.Length == 11 && d[0] == '1' && d[1] is >= '3' and <= '9')
        {
            return WithCountry(d, out key);
        }

        if (d.Length == 10 && (d.StartsWith("400") || d.StartsWith("800")))
        {
            return WithCountry(d, out key);
        }

        if (!trunkRemoved && d.Length is >= 10 and <= 12 && d[0] == '0' && d[1] != '0')
        {
            return WithCountry(d[1..], out key);
        }

        // Without the trunk 0 an area code starts 2-9, or is Beijing's 10 (mobile numbers start 13-19).
        if (trunkRemoved && d.Length is >= 9 and <= 11 && d[0] != '0' && (d[0] != '1' || d[1] == '0'))
        {
            return WithCountry(d, out key);
        }

        return false;
    }

    private static bool WithCountry(ReadOnlySpan<char> national, out ulong key)
    {
        key = 86;
        foreach (var c in national)
        {
            key = (key * 10) + (ulong)(c - '0');
        }

        return true;
    }

    private static bool Digits(ReadOnlySpan<char> d, out ulong key)
    {
        key = 0;
        if (d.IsEmpty || d[0] == '0')
        {
            return false;
        }

        foreach (var c in d)
        {
            key = (key * 10) + (ulong)(c - '0');
        }

        return true;
    }
}
