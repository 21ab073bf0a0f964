namespace CrmCore.Rules;

/// <summary>
/// The tags a rule set can give, interned to ids 0–63 in the order they first appear; a set of tags is a 64-bit mask
/// (bit <c>id</c> set when the tag is present). Immutable; thread-safe.
/// </summary>
public sealed class TagRegistry
{
    /// <summary>The most tags one rule set can give.</summary>
    public const int MaxTags = 64;

    private readonly string[] _names;
    private readonly Dictionary<string, int> _ids;

    internal TagRegistry(IEnumerable<string> names)
    {
        _names = names.Distinct(StringComparer.Ordinal).ToArray();
        if (_names.Length > MaxTags)
        {
            throw new ArgumentException($"At most {MaxTags} tags are supported.", nameof(names));
        }

        _ids = _names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>The number of tags.</summary>
    public int Count => _names.Length;

    /// <summary>All tag names by id.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Finds a tag's id.</summary>
    /// <param name="name">The tag name (ordinal).</param>
    /// <param name="id">The id, or -1.</param>
    /// <returns>True when known.</returns>
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

    /// <summary>The name of a tag id.</summary>
    /// <param name="id">An id in [0, <see cref="Count"/>).</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is out of range.</exception>
    public string NameOf(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _names.Length);
        return _names[id];
    }

    /// <summary>The names of the tags in a mask, in id order.</summary>
    /// <param name="mask">A mask from <see cref="CustomerClassification.TagMask"/>.</param>
    /// <returns>A new list of names.</returns>
    public IReadOnlyList<string> NamesOf(ulong mask)
    {
        var list = new List<string>();
        for (var i = 0; i < _names.Length; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                list.Add(_names[i]);
            }
        }

        return list;
    }
}
