using System.Collections.Immutable;

namespace CrmCore.Escalation;

/// <summary>A named set of escalation ladders; every ladder whose condition matches applies. Immutable and thread-safe.</summary>
public sealed record EscalationPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="name">The name.</param>
    /// <param name="ladders">The ladders; names must be unique.</param>
    /// <exception cref="ArgumentException">The name is empty or two ladders share a name.</exception>
    public EscalationPolicy(string name, IEnumerable<EscalationLadder> ladders)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(ladders);
        Name = name;
        Ladders = [.. ladders];
        if (Ladders.Select(l => l.Name).Distinct(StringComparer.Ordinal).Count() != Ladders.Length)
        {
            throw new ArgumentException("Ladder names must be unique.", nameof(ladders));
        }
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The ladders.</summary>
    public ImmutableArray<EscalationLadder> Ladders { get; }
}
