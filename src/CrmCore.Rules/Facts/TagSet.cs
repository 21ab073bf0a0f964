using System.Collections;

namespace CrmCore.Rules.Facts;

/// <summary>
/// A read-only set of tag (or skill) names as seen by rule expressions: <c>customer.Tags.Contains("VIP")</c>,
/// <c>customer.Tags.Count</c>, <c>customer.Tags.Any(t =&gt; t.StartsWith("高"))</c>. Names are compared ordinally (case-sensitive).
/// <see cref="Contains"/> and <see cref="Count"/> do not allocate. Not thread-safe while a batch re-points the owning fact object;
/// otherwise immutable from the outside.
/// </summary>
public sealed class TagSet : IReadOnlyCollection<string>
{
    private string[] _items;
    private int _count;

    /// <summary>Creates an empty set.</summary>
    public TagSet()
    {
        _items = [];
    }

    /// <summary>Creates a set from names; duplicates and null or empty names are dropped.</summary>
    /// <param name="tags">The names.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tags"/> is null.</exception>
    public TagSet(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _items = [];
        foreach (var t in tags)
        {
            Add(t);
        }
    }

    /// <summary>The number of distinct names.</summary>
    public int Count => _count;

    /// <summary>Whether the set holds <paramref name="tag"/> (ordinal comparison). Does not allocate.</summary>
    /// <param name="tag">The name; null gives false.</param>
    /// <returns>True when present.</returns>
    public bool Contains(string? tag)
    {
        if (tag is null)
        {
            return false;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i], tag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns a non-allocating enumerator over the names in insertion order.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<string> IEnumerable<string>.GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<string>)this).GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _items.Take(_count));

    /// <summary>Replaces the content, reusing the storage (no allocation once the capacity fits).</summary>
    internal void Reset(IEnumerable<string>? tags)
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
        if (tags is null)
        {
            return;
        }

        if (tags is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Add(list[i]);
            }

            return;
        }

        foreach (var t in tags)
        {
            Add(t);
        }
    }

    private void Add(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || Contains(tag))
        {
            return;
        }

        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _items.Length * 2));
        }

        _items[_count++] = tag;
    }

    /// <summary>A non-allocating enumerator.</summary>
    public struct Enumerator
    {
        private readonly TagSet _set;
        private int _index;

        internal Enumerator(TagSet set)
        {
            _set = set;
            _index = -1;
        }

        /// <summary>The current name.</summary>
        public readonly string Current => _set._items[_index];

        /// <summary>Moves to the next name.</summary>
        /// <returns>False at the end.</returns>
        public bool MoveNext() => ++_index < _set._count;
    }
}
