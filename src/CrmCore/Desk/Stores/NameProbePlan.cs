namespace CrmCore.Desk;

/// <summary>
/// How to find every stored name key at least as similar to one name key as a threshold (<see cref="SimilarNames.Plan"/>): every such key
/// holds at least one of any <see cref="Needed"/> positions of the searched key, so the names of probes covering that many positions
/// are a complete candidate set. <see cref="Choose"/> picks the probes with the fewest names. Immutable; thread-safe.
/// </summary>
public sealed class NameProbePlan
{
    internal NameProbePlan(IReadOnlyList<NameProbe> probes, int needed, int maxDistance)
    {
        Probes = probes;
        Needed = needed;
        MaxDistance = maxDistance;
    }

    /// <summary>Every probe of the searched key (its distinct grams, or its distinct characters), in order of first position.</summary>
    public IReadOnlyList<NameProbe> Probes { get; }

    /// <summary>How many positions of the searched key the chosen probes must cover (at least 1, at most the probes' positions).</summary>
    public int Needed { get; }

    /// <summary>The largest edit distance a key as similar as the threshold can have from the searched key.</summary>
    public int MaxDistance { get; }

    /// <summary>The probes to read: the fewest names first (ties by text, ordinal) until they cover <see cref="Needed"/> positions.</summary>
    /// <param name="postings">How many names (or gram entries) each probe of <see cref="Probes"/> has, in the same order; a count capped
    /// at a bound is fine (it only orders the probes).</param>
    /// <returns>The chosen probes, fewest names first.</returns>
    /// <exception cref="ArgumentException"><paramref name="postings"/> does not have one count per probe.</exception>
    public IReadOnlyList<NameProbe> Choose(IReadOnlyList<long> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        if (postings.Count != Probes.Count)
        {
            throw new ArgumentException($"One count per probe is needed: {Probes.Count}, not {postings.Count}.", nameof(postings));
        }

        var order = Enumerable.Range(0, Probes.Count).OrderBy(i => postings[i]).ThenBy(i => Probes[i].Text, StringComparer.Ordinal);
        var chosen = new List<NameProbe>();
        var covered = 0;
        foreach (var i in order)
        {
            if (covered >= Needed)
            {
                break;
            }

            chosen.Add(Probes[i]);
            covered += Probes[i].Positions;
        }

        return chosen;
    }
}
