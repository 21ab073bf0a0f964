using System.Collections.Immutable;

namespace CrmCore.Sla;

/// <summary>A named set of SLA targets, at most one per metric. Immutable and thread-safe.</summary>
public sealed record SlaPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="name">The name, for example <c>urgent-major</c>.</param>
    /// <param name="targets">The targets.</param>
    /// <exception cref="ArgumentException">The name is empty or two targets have the same metric.</exception>
    public SlaPolicy(string name, IEnumerable<SlaTarget> targets)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(targets);
        Name = name;
        Targets = [.. targets];
        var duplicate = Targets.GroupBy(t => t.Metric).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Policy '{name}' has more than one target for {duplicate.Key}.", nameof(targets));
        }
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The targets, in the order given.</summary>
    public ImmutableArray<SlaTarget> Targets { get; }
}
