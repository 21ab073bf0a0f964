using System.Collections.Concurrent;
using CrmCore.Agents;

namespace CrmCore.Routing;

/// <summary>
/// Round robin: agents take turns in id order within each team, starting after the agent chosen last. Registered as
/// <c>round-robin</c>. Thread-safe.
/// </summary>
public sealed class RoundRobinStrategy : IAssignmentStrategy
{
    private readonly ConcurrentDictionary<TeamId, AgentId> _last = new();

    /// <summary>The registered name, <c>round-robin</c>.</summary>
    public const string StrategyName = "round-robin";

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public Agent? Select(TeamId team, IReadOnlyList<Agent> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return null;
        }

        var hasLast = _last.TryGetValue(team, out var last);
        Agent? next = null;
        Agent? first = null;
        foreach (var agent in candidates)
        {
            if (first is null || agent.Id < first.Id)
            {
                first = agent;
            }

            if (hasLast && agent.Id > last && (next is null || agent.Id < next.Id))
            {
                next = agent;
            }
        }

        var chosen = next ?? first!;
        _last[team] = chosen.Id;
        return chosen;
    }
}
