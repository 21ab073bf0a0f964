namespace CrmCore.Normalization;

/// <summary>
/// How far apart two short texts are, for "did you mean …" hints on a misspelt name (a rule key, a channel, a holiday, a routing
/// group): one implementation for every reader that suggests a name.
/// </summary>
internal static class EditDistance
{
    /// <summary>The Levenshtein distance: how many single-character insertions, deletions and substitutions turn one text into the
    /// other (ordinal characters; compare upper-cased texts to ignore case).</summary>
    /// <param name="a">A text.</param>
    /// <param name="b">Another text.</param>
    /// <returns>0 for equal texts, at most the longer length.</returns>
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> previous = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, substitution);
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }
}
