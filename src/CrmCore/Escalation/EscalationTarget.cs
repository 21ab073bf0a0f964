namespace CrmCore.Escalation;

/// <summary>The role or team an escalation step notifies. Immutable and thread-safe.</summary>
public readonly record struct EscalationTarget
{
    /// <summary>Creates a target.</summary>
    /// <param name="kind">Role or team.</param>
    /// <param name="name">The role or team name (ordinal).</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public EscalationTarget(EscalationTargetKind kind, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Kind = kind;
        Name = name;
    }

    /// <summary>Role or team.</summary>
    public EscalationTargetKind Kind { get; }

    /// <summary>The role or team name.</summary>
    public string Name { get => field ?? string.Empty; }

    /// <summary>A role target.</summary>
    /// <param name="name">The role.</param>
    /// <returns>The target.</returns>
    public static EscalationTarget Role(string name) => new(EscalationTargetKind.Role, name);

    /// <summary>A team target.</summary>
    /// <param name="name">The team.</param>
    /// <returns>The target.</returns>
    public static EscalationTarget Team(string name) => new(EscalationTargetKind.Team, name);

    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Name}";
}
