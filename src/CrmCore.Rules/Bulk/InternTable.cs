namespace CrmCore.Rules.Bulk;

/// <summary>
/// Strings interned to dense ids 0, 1, 2… in the order they were first seen (ordinal comparison), with lookups both ways.
/// A <see cref="CustomerStore"/> keeps its string facts (industry, region, tier, size, source channel) and its current tags as ids
/// into such tables. Ids never change and names are never removed. Reads are safe from several threads while no customer is being
/// added or replaced in the owning store; writes go through the store only.
/// </summary>
internal sealed class InternTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly int _maxCount;
    private string[] _names = new string[8];
    private int _count;

    internal InternTable(int maxCount)
    {
        _maxCount = maxCount;
    }

    /// <summary>The number of interned names.</summary>
    public int Count => _count;

    /// <summary>The most names this table holds (64 for tags: a tag set is a 64-bit mask; otherwise <see cref="int.MaxValue"/>).</summary>
    public int MaxCount => _maxCount;

    /// <summary>The names by id (a snapshot copy).</summary>
    public IReadOnlyList<string> Names => _names.AsSpan(0, _count).ToArray();

    /// <summary>The array behind the names; entries below the count at the time of reading never change.</summary>
    internal string[] RawNames => _names;

    /// <summary>Finds the id of a name.</summary>
    /// <param name="name">The name (ordinal comparison).</param>
    /// <param name="id">The id, or -1 when the name was never interned.</param>
    /// <returns>True when the name is known.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public bool TryGetId(string name, out int id)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_ids.TryGetValue(name, out id))
        {
            return true;
        }

        id = -1;
        return false;
    }

    /// <summary>The name of an id.</summary>
    /// <param name="id">An id in [0, <see cref="Count"/>).</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is out of range.</exception>
    public string NameOf(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _count);
        return _names[id];
    }

    /// <summary>How many of <paramref name="names"/> are not interned yet (duplicates counted once).</summary>
    internal int CountMissing(IReadOnlyList<string> names)
    {
        var missing = 0;
        for (var i = 0; i < names.Count; i++)
        {
            var n = names[i];
            if (string.IsNullOrEmpty(n) || _ids.ContainsKey(n))
            {
                continue;
            }

            var seenBefore = false;
            for (var j = 0; j < i && !seenBefore; j++)
            {
                seenBefore = string.Equals(names[j], n, StringComparison.Ordinal);
            }

            missing += seenBefore ? 0 : 1;
        }

        return missing;
    }

    /// <summary>Interns a name; the caller checked <see cref="MaxCount"/>.</summary>
    internal int GetOrAdd(string name)
    {
        if (_ids.TryGetValue(name, out var id))
        {
            return id;
        }

        if (_count == _names.Length)
        {
            Array.Resize(ref _names, _names.Length * 2);
        }

        _names[_count] = name;
        _ids.Add(name, _count);
        return _count++;
    }
}
