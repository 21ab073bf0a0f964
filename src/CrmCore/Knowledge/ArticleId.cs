namespace CrmCore.Knowledge;

/// <summary>The id of a knowledge-base article, for example <c>KB-0012</c>. Immutable value.</summary>
public readonly record struct ArticleId
{
    /// <summary>Creates an id.</summary>
    /// <param name="value">The id text: not blank, at most 64 characters.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is blank or too long.</exception>
    public ArticleId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Length > 64)
        {
            throw new ArgumentException("An article id is at most 64 characters long.", nameof(value));
        }

        Value = value.Trim();
    }

    /// <summary>The id text; empty for <c>default</c>.</summary>
    public string Value { get => field ?? string.Empty; }

    /// <inheritdoc />
    public override string ToString() => Value;
}
