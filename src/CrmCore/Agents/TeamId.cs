namespace CrmCore.Agents;

/// <summary>Identifies a team (service group). Wraps a non-empty string; the host may bring its own ids or use an id generator.</summary>
public readonly record struct TeamId : IComparable<TeamId>
{
    /// <summary>Creates an id from its text form.</summary>
    /// <param name="value">The id; must not be null, empty or white space, and at most 64 characters.</param>
    /// <exception cref="ArgumentException">The value is empty, white space or too long.</exception>
    public TeamId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Length > 64)
        {
            throw new ArgumentException("An id is at most 64 characters long.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The id's text form. Never null for a constructed id; the default instance has an empty value.</summary>
    public string Value { get => field ?? string.Empty; }

    /// <summary>True for the default instance, which names nothing.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Value);

    /// <inheritdoc />
    public int CompareTo(TeamId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Ordinal comparison.</summary>
    public static bool operator <(TeamId left, TeamId right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator >(TeamId left, TeamId right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator <=(TeamId left, TeamId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal comparison.</summary>
    public static bool operator >=(TeamId left, TeamId right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Value;
}
