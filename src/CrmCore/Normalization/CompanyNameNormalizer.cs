using System.Runtime.CompilerServices;
using System.Buffers;
using System.Text;

namespace CrmCore.Normalization;

/// <summary>
/// Compares company names the way people write them differently: <see cref="Key"/> cleans the name (width, case, punctuation,
/// bracketed parts such as <c>（中国）</c>) and drops legal-form suffixes (<c>股份有限公司</c>, <c>有限公司</c>, <c>集团</c>,
/// <c>Co., Ltd.</c>, <c>Inc</c> ...), so <c>上海某某制造有限公司</c> and <c>上海某某制造</c> share a key; <see cref="Similarity"/> scores two
/// keys between 0 and 1 (1 - edit distance / longer length). No I/O; thread-safe (stateless).
/// </summary>
public static class CompanyNameNormalizer
{
    private const int StackLimit = 256;

    private static readonly string[] Suffixes = ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司"];

    private static readonly HashSet<string> LatinSuffixes = new(StringComparer.Ordinal)
    {
        "co", "ltd", "inc", "limited", "corp", "corporation", "company", "llc", "gmbh", "group", "plc",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LatinSuffixLookup = LatinSuffixes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The matching key of a company name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The key; empty when nothing is left.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Key(string? name)
    {
        var clean = TextNormalizer.Fold(name);
        if (clean is null)
        {
            return string.Empty;
        }

        // One pass over the cleaned text into a buffer: the kept characters, lower-cased, and where each token starts (a token ends at
        // anything that is not a letter or digit, and at an opening bracket; a closing bracket only ends the bracketed part).
        char[]? rentedChars = null;
        int[]? rentedStarts = null;
        Span<char> buffer = clean.Length <= StackLimit ? stackalloc char[clean.Length] : (rentedChars = ArrayPool<char>.Shared.Rent(clean.Length));
        Span<int> starts = clean.Length <= StackLimit ? stackalloc int[clean.Length] : (rentedStarts = ArrayPool<int>.Shared.Rent(clean.Length));
        try
        {
            var length = 0;
            var tokens = 0;
            var inToken = false;
            var depth = 0;
            for (var i = 0; i < clean.Length; i++)
            {
                var c = ToLower(clean[i]);
                switch (c)
                {
                    case '(' or '（' or '[' or '【':
                        depth++;
                        inToken = false;
                        continue;
                    case ')' or '）' or ']' or '】':
                        depth = Math.Max(0, depth - 1);
                        continue;
                }

                // A character outside the basic plane (the CJK extensions: 𠮷) is a surrogate pair, kept whole (lower-cased) when it is a letter.
                var pair = char.IsHighSurrogate(c) && i + 1 < clean.Length && char.IsLowSurrogate(clean[i + 1]);
                var rune = pair ? Rune.ToLowerInvariant(new Rune(c, clean[i + 1])) : default;
                if (depth == 0 && (pair ? Rune.IsLetterOrDigit(rune) : IsLetterOrDigit(c)))
                {
                    if (!inToken)
                    {
                        starts[tokens++] = length;
                        inToken = true;
                    }

                    if (pair)
                    {
                        length += rune.EncodeToUtf16(buffer[length..]);
                        i++;
                    }
                    else
                    {
                        buffer[length++] = c;
                    }
                }
                else
                {
                    inToken = false;
                    i += pair ? 1 : 0;
                }
            }

            while (tokens > 1 && LatinSuffixLookup.Contains(buffer[starts[tokens - 1]..length]))
            {
                length = starts[--tokens];
            }

            // Every legal-form suffix ends in 司 or 团: a key ending in anything else has none to drop.
            var changed = length > 0 && buffer[length - 1] is '司' or '团';
            while (changed)
            {
                changed = false;
                foreach (var suffix in Suffixes)
                {
                    if (length > suffix.Length && buffer[..length].EndsWith(suffix, StringComparison.Ordinal))
                    {
                        length -= suffix.Length;
                        changed = true;
                    }
                }
            }

            var key = buffer[..length];
            return key.SequenceEqual(clean) ? clean : key.ToString();
        }
        finally
        {
            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }

            if (rentedStarts is not null)
            {
                ArrayPool<int>.Shared.Return(rentedStarts);
            }
        }
    }

    /// <summary>
    /// The invariant lower case of one character, as <see cref="string.ToLowerInvariant()"/> gives it: ASCII and the CJK ideographs (which
    /// have no case) without a call into the globalisation library, anything else through <see cref="char.ToLowerInvariant"/>.
    /// </summary>
    private static char ToLower(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c + 32),
        < '\u0080' or (>= '\u3400' and <= '\u9FFF') => c,
        _ => char.ToLowerInvariant(c),
    };

    /// <summary>
    /// <see cref="char.IsLetterOrDigit(char)"/> without the Unicode category look-up for the characters company names are mostly made of:
    /// ASCII and the CJK ideographs of the basic block and extension A, which are all letters (a test checks every character).
    /// </summary>
    /// <param name="c">A character.</param>
    /// <returns>True for a letter or a decimal digit.</returns>
    internal static bool IsLetterOrDigit(char c) => c switch
    {
        < '\u0080' => char.IsAsciiLetterOrDigit(c),
        (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') => true,
        _ => char.IsLetterOrDigit(c),
    };

    /// <summary>How alike two keys are: 1 for equal keys, 0 when nothing is shared; 1 - Levenshtein distance / the longer length.</summary>
    /// <param name="a">A key from <see cref="Key"/>.</param>
    /// <param name="b">Another key.</param>
    /// <returns>The similarity, 0 to 1.</returns>
    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        return 1 - ((double)EditDistance.Levenshtein(a, b) / Math.Max(a.Length, b.Length));
    }
}
