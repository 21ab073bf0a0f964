using CrmCore.Agents;

namespace CrmCore.Routing;

/// <summary>
/// Least loaded: the agent using the smallest share of its capacity, then the one holding fewer tickets, then the smaller id.
/// Registered as <c>least-loaded</c> (the default strategy). Stateless and thread-safe.
/// </summary>
public sealed class LeastLoadedStrategy : IAssignmentStrategy
{
    /// <summary>The registered name, <c>least-loaded</c>.</summary>
    public const string StrategyName = "least-loaded";

    /// <inheritdoc />
    public string Name => StrategyName;

    /// <inheritdoc />
    public Agent? Select(TeamId team, IReadOnlyList<Agent> candidates) => Best(candidates, Compare);

    /// <summary>The candidate that sorts first under <paramref name="comparison"/>; null for none. Shared by the built-in strategies.</summary>
    internal static Agent? Best(IReadOnlyList<Agent> candidates, Comparison<Agent> comparison)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        Agent? best = null;
        foreach (var agent in candidates)
        {
            if (best is null || comparison(agent, best) < 0)
            {
                best = agent;
            }
        }

        return best;
    }

    internal static int Compare(Agent x, Agent y)
    {
        // Compare x.Active / x.Capacity with y.Active / y.Capacity exactly, without floating point.
        var byLoad = ((long)x.ActiveCount * y.Capacity).CompareTo((long)y.ActiveCount * x.Capacity);
        if (byLoad != 0)
        {
            return byLoad;
        }

        var byCount = x.ActiveCount.CompareTo(y.ActiveCount);
        return byCount != 0 ? byCount : x.Id.CompareTo(y.Id);
    }
}
