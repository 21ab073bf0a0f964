using System.Runtime.InteropServices;

namespace CrmCore.Desk;

/// <summary>
/// Name keys in memory, indexed by their grams (<see cref="SimilarNames"/>), for finding every key at least as similar to a given key as a
/// threshold without comparing all of them. Each key is kept once with a count of how often it was added (customers can share a name);
/// a key whose count falls to 0 is no longer found, and once such removed keys outnumber the held ones (and are at least
/// <see cref="CompactAt"/>) the index is rebuilt from the held keys, so memory follows the held keys: about 8 bytes per gram entry plus
/// the key. Not thread-safe: the owner locks.
/// </summary>
public sealed class SimilarNameIndex
{
    /// <summary>The fewest removed keys that make the index rebuild itself (when they also outnumber the held ones).</summary>
    internal const int CompactAt = 1024;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<int> _counts = [];
    private readonly List<int> _seen = [];
    private readonly Dictionary<int, (int Head, int Count)> _grams = [];
    private readonly Dictionary<char, List<int>> _gramsByFirst = [];
    private readonly Dictionary<char, long> _entriesByFirst = [];
    private readonly List<int> _entryName = [];
    private readonly List<int> _entryNext = [];
    private int _stamp;
    private int _removed;

    /// <summary>How many gram entries the index holds (held and removed keys' until compacted).</summary>
    internal int Entries => _entryName.Count;

    /// <summary>How many keys are held (added more often than removed).</summary>
    public int Count => _names.Count - _removed;

    /// <summary>Adds a name key once more.</summary>
    /// <param name="nameKey">The key (<see cref="Normalization.CompanyNameNormalizer.Key"/>); an empty key is ignored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="nameKey"/> is null.</exception>
    public void Add(string nameKey) => Add(nameKey, 1);

    /// <summary>Whether a name key is held (added more often than removed).</summary>
    internal bool Contains(string nameKey) => _ids.TryGetValue(nameKey, out var id) && _counts[id] > 0;

    /// <summary>Adds a name key <paramref name="times"/> times (the customers sharing it).</summary>
    internal void Add(string nameKey, int times)
    {
        ArgumentNullException.ThrowIfNull(nameKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        if (nameKey.Length == 0)
        {
            return;
        }

        if (_ids.TryGetValue(nameKey, out var id))
        {
            if (_counts[id] == 0)
            {
                _removed--;
            }

            _counts[id] += times;
            return;
        }

        id = _names.Count;
        _ids.Add(nameKey, id);
        _names.Add(nameKey);
        _counts.Add(times);
        _seen.Add(0);
        foreach (var gram in SimilarNames.Grams(nameKey))
        {
            var code = SimilarNames.Code(gram[0], gram[1]);
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_grams, code, out var exists);
            if (!exists)
            {
                entry.Head = -1;
                if (!_gramsByFirst.TryGetValue(gram[0], out var codes))
                {
                    _gramsByFirst[gram[0]] = codes = [];
                }

                codes.Add(code);
            }

            _entryName.Add(id);
            _entryNext.Add(entry.Head);
            entry.Head = _entryName.Count - 1;
            entry.Count++;
            CollectionsMarshal.GetValueRefOrAddDefault(_entriesByFirst, gram[0], out _)++;
        }
    }

    /// <summary>Takes a name key away once; at its last removal it is no longer found.</summary>
    /// <param name="nameKey">The key; an unknown or empty key is ignored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="nameKey"/> is null.</exception>
    public void Remove(string nameKey)
    {
        ArgumentNullException.ThrowIfNull(nameKey);
        if (_ids.TryGetValue(nameKey, out var id) && _counts[id] > 0 && --_counts[id] == 0 && ++_removed >= CompactAt && _removed > Count)
        {
            Compact();
        }
    }

    /// <summary>Forgets every key, keeping the memory for the next use.</summary>
    public void Clear()
    {
        _ids.Clear();
        _names.Clear();
        _counts.Clear();
        _seen.Clear();
        _grams.Clear();
        _gramsByFirst.Clear();
        _entriesByFirst.Clear();
        _entryName.Clear();
        _entryNext.Clear();
        _removed = 0;
    }

    /// <summary>
    /// Every key at least <paramref name="similarity"/> similar to <paramref name="nameKey"/> (the key itself included when held), reading
    /// at most <see cref="SimilarNames.MaxCandidates"/> gram entries, each charged as many times as its key is held (one per customer, as a
    /// database's gram table counts them).
    /// </summary>
    /// <param name="nameKey">The searched key; an empty key finds nothing.</param>
    /// <param name="similarity">The threshold, above 0 and at most 1.</param>
    /// <param name="complete">False when the search was cut at <see cref="SimilarNames.MaxCandidates"/> entries: keys may be missing.</param>
    /// <returns>The keys, in the order they were first added.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nameKey"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The similarity is not above 0 and at most 1.</exception>
    public IReadOnlyList<string> Find(string nameKey, double similarity, out bool complete)
    {
        ArgumentNullException.ThrowIfNull(nameKey);
        SimilarNames.MaxDistance(nameKey.Length, similarity);
        complete = true;
        if (nameKey.Length == 0 || _names.Count == 0)
        {
            return [];
        }

        var plan = SimilarNames.Plan(nameKey, similarity);
        var postings = plan.Probes.Select(Postings).ToArray();
        var found = new List<int>();
        var budget = SimilarNames.MaxCandidates;
        if (++_stamp == int.MaxValue)
        {
            _stamp = 1;
            CollectionsMarshal.AsSpan(_seen).Clear();
        }

        foreach (var probe in plan.Choose(postings))
        {
            foreach (var code in Codes(probe))
            {
                for (var entry = _grams[code].Head; entry >= 0; entry = _entryNext[entry])
                {
                    var id = _entryName[entry];
                    if (_counts[id] > budget)
                    {
                        complete = false;
                        return Names(found);
                    }

                    budget -= _counts[id];
                    if (_seen[id] != _stamp)
                    {
                        _seen[id] = _stamp;
                        if (_counts[id] > 0 && SimilarNames.IsSimilar(plan, nameKey, _names[id], similarity))
                        {
                            found.Add(id);
                        }
                    }
                }
            }
        }

        return Names(found);
    }

    /// <summary>How many gram entries a probe reads: its gram's, or (a character) every entry of a gram starting with it.</summary>
    private long Postings(NameProbe probe)
    {
        if (probe.IsPrefix)
        {
            return _entriesByFirst.GetValueOrDefault(probe.Text[0]);
        }

        return _grams.TryGetValue(SimilarNames.Code(probe.Text[0], probe.Text[1]), out var gram) ? gram.Count : 0;
    }

    /// <summary>Rebuilds the index from the held keys, in the order they were first added, dropping the removed ones.</summary>
    private void Compact()
    {
        var held = new List<(string Name, int Count)>(Count);
        for (var id = 0; id < _names.Count; id++)
        {
            if (_counts[id] > 0)
            {
                held.Add((_names[id], _counts[id]));
            }
        }

        Clear();
        foreach (var (name, count) in held)
        {
            Add(name, count);
        }
    }

    /// <summary>The gram codes a probe reads: its own, or every held gram starting with its character; none when not held.</summary>
    private IEnumerable<int> Codes(NameProbe probe)
    {
        if (probe.IsPrefix)
        {
            return _gramsByFirst.TryGetValue(probe.Text[0], out var codes) ? codes : [];
        }

        var code = SimilarNames.Code(probe.Text[0], probe.Text[1]);
        return _grams.ContainsKey(code) ? [code] : [];
    }

    private List<string> Names(List<int> ids)
    {
        ids.Sort();
        return ids.ConvertAll(id => _names[id]);
    }
}
