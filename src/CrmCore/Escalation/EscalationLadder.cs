using System.Collections.Immutable;
using CrmCore.Sla;

namespace CrmCore.Escalation;

/// <summary>A named ladder of escalation steps that applies to the tickets its condition matches. Immutable and thread-safe.</summary>
public sealed record EscalationLadder
{
    /// <summary>Creates a ladder.</summary>
    /// <param name="name">The name, unique within its policy.</param>
    /// <param name="when">Which tickets it applies to.</param>
    /// <param name="steps">The steps; levels must be unique and positive.</param>
    /// <exception cref="ArgumentException">The name is empty, a level repeats or is not positive, or a warning/due step has no metric.</exception>
    public EscalationLadder(string name, ISlaCondition when, IEnumerable<EscalationStep> steps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(steps);
        Name = name;
        When = when;
        Steps = [.. steps.OrderBy(s => s.Level)];
        for (var i = 0; i < Steps.Length; i++)
        {
            var step = Steps[i];
            if (step.Level <= 0 || (i > 0 && Steps[i - 1].Level == step.Level))
            {
                throw new ArgumentException($"Ladder '{name}': levels must be positive and unique (level {step.Level}).", nameof(steps));
            }

            if (step.Anchor != EscalationAnchor.Raised && step.Metric is null)
            {
                throw new ArgumentException($"Ladder '{name}' level {step.Level}: a {step.Anchor} anchor needs a metric.", nameof(steps));
            }
        }
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Which tickets the ladder applies to.</summary>
    public ISlaCondition When { get; }

    /// <summary>The steps by ascending level.</summary>
    public ImmutableArray<EscalationStep> Steps { get; }
}
