using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CrmCore.Localization;

namespace CrmCore.Decoding;

/// <summary>
/// Decodes user files (rule files, CSV, JSON data) strictly: by default only UTF-8 (a BOM is allowed) is accepted, and invalid
/// bytes give a positioned <see cref="TextDecodingProblem"/> that names what the file seems to be instead (GBK/GB18030, as
/// Excel on Chinese Windows saves "CSV", or UTF-16) and the remedy. Nothing is ever replaced by U+FFFD. An explicit encoding
/// (<see cref="GetEncoding(string)"/>, for <c>--encoding</c>: GB18030 or UTF-16; no other code page) decodes the file, also strictly.
/// Thread-safe (stateless).
/// </summary>
public static class StrictTextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static StrictTextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding names <see cref="GetEncoding(string)"/> accepts, for help texts.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = ["utf-8", "gb18030", "gbk", "utf-16", "utf-16le", "utf-16be"];

    /// <summary>Every name <see cref="GetEncoding(string)"/> accepts (case-insensitive, spaces around ignored) → the encoding it reads:
    /// <see cref="KnownNames"/>, the aliases <c>gb2312</c>, <c>cp936</c> and <c>936</c> (code page 936, of which GB18030 is a superset),
    /// the spellings without a hyphen, <c>unicode</c> (.NET's name for UTF-16), and the web names of the encodings themselves
    /// (<c>GB18030</c>, <c>utf-16BE</c>), which an import reports and hands on.</summary>
    private static readonly Dictionary<string, string> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf-8"] = "utf-8", ["utf8"] = "utf-8",
        ["gb18030"] = "gb18030", ["gbk"] = "gb18030", ["gb2312"] = "gb18030", ["cp936"] = "gb18030", ["936"] = "gb18030",
        ["utf-16"] = "utf-16", ["utf16"] = "utf-16", ["utf-16le"] = "utf-16", ["utf16le"] = "utf-16", ["unicode"] = "utf-16",
        ["utf-16be"] = "utf-16be", ["utf16be"] = "utf-16be",
    };

    /// <summary>
    /// Gets a strict encoding by name: <c>utf-8</c>, <c>gb18030</c> (also read for <c>gbk</c>/<c>gb2312</c>/<c>cp936</c>, of which it is a
    /// superset), <c>utf-16</c>/<c>utf-16le</c>, <c>utf-16be</c>, and the same without the hyphen. Case-insensitive. Invalid bytes throw
    /// while decoding instead of becoming U+FFFD. Any other name, one .NET knows too (<c>latin1</c>, <c>shift_jis</c>), is refused: a
    /// Chinese table read in it would be misread, not reported. The refusal is in <see cref="CultureInfo.CurrentUICulture"/>'s language.
    /// </summary>
    /// <param name="name">The encoding name.</param>
    /// <returns>The encoding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is not one of the supported encodings; the message names the supported ones
    /// (<see cref="KnownNames"/>).</exception>
    public static Encoding GetEncoding(string name) => GetEncoding(name, null);

    /// <summary>Gets a strict encoding by name, as <see cref="GetEncoding(string)"/> does, refusing another name in the given language.</summary>
    /// <param name="name">The encoding name.</param>
    /// <param name="culture">The language of the refusal (English or zh-Hans, <see cref="TextCultures"/>); null for
    /// <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The encoding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is not one of the supported encodings: <c>'latin1' is not a supported encoding; use
    /// one of utf-8, gb18030, gbk, utf-16, utf-16le, utf-16be</c> (in zh-Hans <c>“latin1”不是支持的编码；请使用以下之一：…</c>).</exception>
    public static Encoding GetEncoding(string name, CultureInfo? culture)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Accepted.TryGetValue(name.Trim(), out var key))
        {
            throw new ArgumentException(Strings.Format("Decoding_UnsupportedEncoding", culture, name, string.Join(", ", KnownNames)), nameof(name));
        }

        return key == "utf-8" ? StrictUtf8 : Encoding.GetEncoding(key, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>
    /// Decodes bytes strictly. Without <paramref name="encoding"/> the bytes must be UTF-8 (a UTF-8 BOM is dropped); with it,
    /// a BOM of that encoding is dropped and the rest is decoded by it, and any byte it cannot decode is a problem.
    /// </summary>
    /// <param name="bytes">The file content.</param>
    /// <param name="encoding">The encoding the user named, or null for strict UTF-8 with detection of other encodings.</param>
    /// <returns>The text, or the first problem with its line, column and the likely encoding.</returns>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes, Encoding? encoding = null)
    {
        if (encoding is not null && encoding.CodePage != Encoding.UTF8.CodePage)
        {
            return DecodeWith(bytes, encoding);
        }

        var hadBom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var body = hadBom ? bytes[3..] : bytes;
        var start = hadBom ? 3 : 0;
        if (!hadBom && LooksLikeUtf16(bytes) is { } utf16)
        {
            var (name, what) = utf16;
            return Failed(bytes, 0, 0, $"not UTF-8; it looks like {what}: save as UTF-8, or pass --encoding {name}", name);
        }

        var bad = FirstInvalidUtf8(body);
        if (bad < 0)
        {
            return new DecodedText { Text = StrictUtf8.GetString(body), EncodingName = "utf-8" };
        }

        var offset = start + bad;
        if (LooksLikeGb18030(body))
        {
            return Failed(bytes, start, offset, "not UTF-8; it looks like GBK: save as UTF-8, or pass --encoding gb18030", "gb18030");
        }

        return Failed(bytes, start, offset, string.Create(CultureInfo.InvariantCulture, $"not UTF-8: the byte 0x{bytes[offset]:X2} does not belong to valid UTF-8 text; save the file as UTF-8, or pass --encoding with the encoding it was saved in"), null);
    }

    /// <summary>Finds the 1-based line and character column of a byte offset in UTF-8 text (a BOM is skipped). Linear in the offset.</summary>
    /// <param name="utf8">The bytes.</param>
    /// <param name="offset">The byte offset.</param>
    /// <returns>The line and column.</returns>
    public static (int Line, int Column) Locate(ReadOnlySpan<byte> utf8, long offset)
    {
        var start = utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        return Locate(utf8, start, offset);
    }

    private static (int Line, int Column) Locate(ReadOnlySpan<byte> bytes, int start, long offset)
    {
        var line = 1;
        var col = 1;
        var end = (int)Math.Clamp(offset, 0, bytes.Length);
        for (var i = start; i < end; i++)
        {
            var b = bytes[i];
            if (b == (byte)'\n')
            {
                line++;
                col = 1;
            }
            else if ((b & 0xC0) != 0x80)
            {
                col++;
            }
        }

        return (line, col);
    }

    private static DecodedText Failed(ReadOnlySpan<byte> bytes, int start, long offset, string message, string? likely)
    {
        var (line, col) = Locate(bytes, start, offset);
        return new DecodedText { Problem = new TextDecodingProblem(line, col, offset, message, likely), EncodingName = "utf-8" };
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> body)
    {
        // Decode in slices so that no buffer of the file's size is needed just to find the position.
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            var done = 0;
            while (done < body.Length)
            {
                var status = Utf8.ToUtf16(body[done..], buffer, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                done += read;
                if (status == OperationStatus.InvalidData || status == OperationStatus.NeedMoreData)
                {
                    return done;
                }

                if (status == OperationStatus.Done)
                {
                    return -1;
                }
            }

            return -1;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static (string Name, string What)? LooksLikeUtf16(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return ("utf-16", "UTF-16 (little-endian, with a byte order mark)");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return ("utf-16be", "UTF-16 (big-endian, with a byte order mark)");
        }

        // Without a BOM: ASCII-heavy UTF-16 has a zero in every other byte; UTF-8 text never contains zero bytes in practice.
        var n = Math.Min(bytes.Length, 512) & ~1;
        if (n < 4)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < n; i += 2)
        {
            evenZeros += bytes[i] == 0 ? 1 : 0;
            oddZeros += bytes[i + 1] == 0 ? 1 : 0;
        }

        var pairs = n / 2;
        if (oddZeros * 10 >= pairs * 4 && evenZeros * 10 < pairs)
        {
            return ("utf-16", "UTF-16 (little-endian)");
        }

        if (evenZeros * 10 >= pairs * 4 && oddZeros * 10 < pairs)
        {
            return ("utf-16be", "UTF-16 (big-endian)");
        }

        return null;
    }

    private static bool LooksLikeGb18030(ReadOnlySpan<byte> body)
    {
        // GBK double-byte characters: a lead byte 0x81-0xFE and a trail byte 0x40-0xFE (not 0x7F). Require that every
        // non-ASCII byte pairs up this way and that there is at least one such pair.
        var pairs = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var b = body[i];
            if (b < 0x80)
            {
                continue;
            }

            if (b == 0x80 || b == 0xFF || i + 1 >= body.Length)
            {
                return false;
            }

            var t = body[i + 1];
            if (t is >= 0x30 and <= 0x39)
            {
                // A four-byte GB18030 sequence: lead, digit, lead, digit.
                if (i + 3 >= body.Length || body[i + 2] < 0x81 || body[i + 2] > 0xFE || body[i + 3] < 0x30 || body[i + 3] > 0x39)
                {
                    return false;
                }

                i += 3;
                pairs++;
                continue;
            }

            if (t < 0x40 || t == 0x7F || t == 0xFF)
            {
                return false;
            }

            i++;
            pairs++;
        }

        return pairs > 0;
    }

    private static DecodedText DecodeWith(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        var strict = encoding.DecoderFallback is DecoderExceptionFallback
            ? encoding
            : Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var preamble = strict.GetPreamble();
        var start = preamble.Length > 0 && bytes.StartsWith(preamble) ? preamble.Length : 0;
        try
        {
            return new DecodedText { Text = strict.GetString(bytes[start..]), EncodingName = strict.WebName };
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(0, e.Index);
            var (line, col) = LocateDecoded(bytes[start..], strict, offset - start);
            var shown = e.BytesUnknown is { Length: > 0 } u ? string.Join(' ', u.Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture))) : "?";
            return new DecodedText
            {
                EncodingName = strict.WebName,
                Problem = new TextDecodingProblem(line, col, offset, $"not valid {strict.WebName}: the bytes {shown} cannot be decoded; check --encoding or save the file as UTF-8", null),
            };
        }
    }

    private static (int Line, int Column) LocateDecoded(ReadOnlySpan<byte> bytes, Encoding encoding, long offset)
    {
        // Decode the good prefix (it decodes by construction, perhaps but for a cut character at its end) and count in characters.
        var prefix = bytes[..(int)Math.Clamp(offset, 0, bytes.Length)];
        string text;
        try
        {
            text = encoding.GetString(prefix);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.GetEncoding(encoding.CodePage).GetString(prefix);
        }

        var line = 1;
        var col = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                col = 1;
            }
            else if (!char.IsLowSurrogate(c))
            {
                col++;
            }
        }

        return (line, col);
    }
}
