namespace CrmCore.Relationships;

/// <summary>
/// The id of a contact plan entry. Generated entries have a deterministic id (customer, kind, subject and nominal date), so planning
/// the same window twice adds nothing. Immutable value.
/// </summary>
public readonly record struct PlanEntryId
{
    /// <summary>Creates an id.</summary>
    /// <param name="value">The id text: not blank, at most 200 characters.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is blank or too long.</exception>
    public PlanEntryId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Length > 200)
        {
            throw new ArgumentException("A plan entry id is at most 200 characters long.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The id text; empty for <c>default</c>.</summary>
    public string Value { get => field ?? string.Empty; }

    /// <inheritdoc />
    public override string ToString() => Value;
}
