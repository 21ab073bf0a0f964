using CrmCore.Normalization;

namespace CrmCore.Desk;

/// <summary>
/// The one definition of how similar company names are found without comparing every name: each name key is indexed by its grams
/// (<see cref="Grams"/>: every character with the next one, the last with <see cref="End"/>), and a search reads only the names of a few
/// grams (<see cref="Plan"/>), a set proven to hold every key whose <see cref="CompanyNameNormalizer.Similarity"/> reaches the threshold.
/// <para>
/// Why it is complete: a similarity of at least <c>t</c> between keys <c>a</c> and <c>b</c> means an edit distance <c>d</c> of at most
/// <c>(1 - t) · max(|a|, |b|)</c>, and <c>|b| ≤ |a| / t</c>, so <c>d ≤ τ = ⌊(1 - t) · |a| / t⌋</c>. Each edit touches at most two of
/// <c>a</c>'s <c>|a|</c> grams, so when <c>|a| ≥ 2τ + 1</c> any <c>2τ + 1</c> positions of <c>a</c> include a gram that <c>b</c> also has.
/// Otherwise (short keys at low thresholds) at least <c>⌈t · |a|⌉</c> characters of <c>a</c> are kept in <c>b</c>, so any
/// <c>|a| - ⌈t · |a|⌉ + 1</c> positions include a character of <c>b</c>, and every character of <c>b</c> starts one of its grams.
/// </para>
/// <para>
/// A search reads at most <see cref="MaxCandidates"/> gram entries; a search cut there is reported as incomplete, never silently.
/// Stateless; thread-safe.
/// </para>
/// </summary>
public static class SimilarNames
{
    /// <summary>The lowest similarity a search accepts without being told one: 0.5, the lowest an import accepts.</summary>
    public const double LeastSimilarity = 0.5;

    /// <summary>At most this many gram entries are read per search (20,000); a search that would read more is cut and says so.</summary>
    public const int MaxCandidates = 20_000;

    /// <summary>The character that follows a key's last character in its last gram (<c>$</c>: never part of a name key, which holds only
    /// letters and digits).</summary>
    public const char End = '$';

    /// <summary>The distinct grams of a name key, in order of first position: each character with the next one, the last with
    /// <see cref="End"/> (<c>上海某</c> has <c>上海</c>, <c>海某</c>, <c>某$</c>).</summary>
    /// <param name="nameKey">A key from <see cref="CompanyNameNormalizer.Key"/>.</param>
    /// <returns>The grams; empty for an empty key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nameKey"/> is null.</exception>
    public static IReadOnlyList<string> Grams(string nameKey)
    {
        ArgumentNullException.ThrowIfNull(nameKey);
        return [.. Positional(nameKey).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A gram as one number: the first character in the high 16 bits, the second in the low.</summary>
    /// <param name="first">The first character.</param>
    /// <param name="second">The second character (<see cref="End"/> after a key's last).</param>
    /// <returns>The number.</returns>
    public static int Code(char first, char second) => (first << 16) | second;

    /// <summary>The largest edit distance between a key of <paramref name="length"/> characters and any key at least
    /// <paramref name="similarity"/> similar to it: <c>⌊(1 - t) · length / t⌋</c>.</summary>
    /// <param name="length">The key's length.</param>
    /// <param name="similarity">The threshold, above 0 and at most 1.</param>
    /// <returns>The distance.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The similarity is not above 0 and at most 1, or the length is negative.</exception>
    public static int MaxDistance(int length, double similarity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Check(similarity);
        return (int)Math.Floor(((1 - similarity) * length / similarity) + 1e-9);
    }

    /// <summary>The probes that find every key at least <paramref name="similarity"/> similar to <paramref name="nameKey"/>: its grams
    /// when the key is long enough for the threshold, else its characters (see the type's remarks for the proof).</summary>
    /// <param name="nameKey">The searched key (not empty).</param>
    /// <param name="similarity">The threshold, above 0 and at most 1.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">The key is empty, or the similarity is not above 0 and at most 1.</exception>
    public static NameProbePlan Plan(string nameKey, double similarity)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameKey);
        var distance = MaxDistance(nameKey.Length, similarity);
        if (nameKey.Length >= (2 * distance) + 1)
        {
            var grams = Positional(nameKey).GroupBy(g => g, StringComparer.Ordinal).Select(g => new NameProbe(g.Key, g.Count()));
            return new NameProbePlan([.. grams], (2 * distance) + 1, distance);
        }

        var kept = (int)Math.Ceiling((similarity * nameKey.Length) - 1e-9);
        var characters = nameKey.GroupBy(c => c).Select(g => new NameProbe(g.Key.ToString(), g.Count())).ToArray();
        return new NameProbePlan(characters, nameKey.Length - Math.Max(1, kept) + 1, distance);
    }

    /// <summary>Whether a key is at least <paramref name="similarity"/> similar to the searched one: the lengths first (they cannot differ
    /// by more than <see cref="NameProbePlan.MaxDistance"/>), then <see cref="CompanyNameNormalizer.Similarity"/>.</summary>
    /// <param name="plan">The searched key's plan.</param>
    /// <param name="nameKey">The searched key.</param>
    /// <param name="other">A candidate key.</param>
    /// <param name="similarity">The threshold the plan was made for.</param>
    /// <returns>True when similar enough.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static bool IsSimilar(NameProbePlan plan, string nameKey, string other, double similarity)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(nameKey);
        ArgumentNullException.ThrowIfNull(other);
        return Math.Abs(nameKey.Length - other.Length) <= plan.MaxDistance && CompanyNameNormalizer.Similarity(nameKey, other) >= similarity;
    }

    /// <summary>Each position's gram: the character with the next one, the last with <see cref="End"/>.</summary>
    private static IEnumerable<string> Positional(string nameKey)
    {
        for (var i = 0; i < nameKey.Length; i++)
        {
            yield return new string([nameKey[i], i + 1 < nameKey.Length ? nameKey[i + 1] : End]);
        }
    }

    private static void Check(double similarity)
    {
        if (double.IsNaN(similarity) || similarity <= 0 || similarity > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(similarity), similarity, "A name similarity is above 0 and at most 1.");
        }
    }
}
