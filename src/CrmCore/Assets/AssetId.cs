namespace CrmCore.Assets;

/// <summary>The id of an installed asset (customer equipment or product instance). Immutable value.</summary>
public readonly record struct AssetId : IComparable<AssetId>
{
    /// <summary>Creates an id.</summary>
    /// <param name="value">The id text: not blank, at most 64 characters.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is blank or too long.</exception>
    public AssetId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Length > 64)
        {
            throw new ArgumentException("An asset id is at most 64 characters long.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The id text; empty for <c>default</c>.</summary>
    public string Value { get => field ?? string.Empty; }

    /// <inheritdoc />
    public int CompareTo(AssetId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
