namespace CrmCore.Agents;

/// <summary>
/// An immutable, small set of skills with levels, kept sorted by skill code and holding each skill at most once. On an agent it
/// lists what the agent can do; on a ticket it lists what the ticket requires (each level being a minimum). Compared by content.
/// Thread-safe (immutable); share one instance among the many tickets that need the same skills.
/// </summary>
public sealed class SkillSet : IEquatable<SkillSet>
{
    private readonly SkillLevel[] _items;
    private readonly IReadOnlyList<SkillLevel> _view;
    private readonly int _hash;

    private SkillSet(SkillLevel[] items)
    {
        _items = items;
        _view = Array.AsReadOnly(items); // never hand out the array itself: the set is a key in queue buckets
        var hash = default(HashCode);
        foreach (var item in items)
        {
            hash.Add(item);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>The empty set: requires nothing, or (on an agent) can do nothing in particular.</summary>
    public static SkillSet Empty { get; } = new([]);

    /// <summary>The skills with their levels, sorted ordinally by code.</summary>
    public IReadOnlyList<SkillLevel> Items => _view;

    /// <summary>The number of skills.</summary>
    public int Count => _items.Length;

    /// <summary>Creates a set of skills at the lowest level (1, "any proficiency").</summary>
    /// <param name="skills">The skills; duplicates are merged.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">A skill is the default instance.</exception>
    public static SkillSet Of(params IEnumerable<Skill> skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        return Create(skills.Select(s => new SkillLevel(s)));
    }

    /// <summary>Creates a set from skills with levels.</summary>
    /// <param name="levels">The skills with levels; a skill listed twice keeps its highest level.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">An item is the default instance.</exception>
    public static SkillSet Create(params IEnumerable<SkillLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var best = new SortedDictionary<Skill, int>();
        foreach (var item in levels)
        {
            if (item.Skill.Code.Length == 0)
            {
                throw new ArgumentException("A skill level must not be the default instance.", nameof(levels));
            }

            best[item.Skill] = best.TryGetValue(item.Skill, out var level) ? Math.Max(level, item.Level) : item.Level;
        }

        return best.Count == 0 ? Empty : new SkillSet([.. best.Select(p => new SkillLevel(p.Key, p.Value))]);
    }

    /// <summary>The level this set holds for a skill, or 0 when it does not hold it.</summary>
    /// <param name="skill">The skill to look up.</param>
    /// <returns>1–5, or 0.</returns>
    public int LevelOf(Skill skill)
    {
        foreach (var item in _items)
        {
            if (item.Skill == skill)
            {
                return item.Level;
            }
        }

        return 0;
    }

    /// <summary>
    /// True when this set satisfies <paramref name="required"/>: every required skill is held at a level at least the required one.
    /// The empty requirement is covered by every set.
    /// </summary>
    /// <param name="required">The requirement.</param>
    /// <returns>Whether the requirement is met.</returns>
    public bool Covers(SkillSet required)
    {
        ArgumentNullException.ThrowIfNull(required);
        if (ReferenceEquals(required, this) || required._items.Length == 0)
        {
            return true;
        }

        // Both arrays are sorted by code: one merge pass.
        var mine = _items;
        var i = 0;
        foreach (var need in required._items)
        {
            while (i < mine.Length && string.CompareOrdinal(mine[i].Skill.Code, need.Skill.Code) < 0)
            {
                i++;
            }

            if (i == mine.Length || mine[i].Skill != need.Skill || mine[i].Level < need.Level)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(SkillSet? other) =>
        other is not null && (ReferenceEquals(this, other) || (_hash == other._hash && _items.AsSpan().SequenceEqual(other._items)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SkillSet);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>The skills joined with <c>+</c>, each followed by <c>:level</c> when above 1; <c>(none)</c> when empty.</summary>
    /// <returns>A text form such as <c>AfterSales+Technical:3</c>.</returns>
    public override string ToString() => _items.Length == 0 ? "(none)" : string.Join('+', _items);
}
