using CrmCore.Agents;

namespace CrmCore.Routing;

/// <summary>
/// Chooses which agent of a team pulls the next ticket when the router dispatches work. The queue then gives that agent the best
/// ticket it may take. Strategies are registered in DI by <see cref="Name"/> and chosen with <see cref="RoutingOptions.Strategy"/>.
/// Implementations must be thread-safe.
/// </summary>
public interface IAssignmentStrategy
{
    /// <summary>The name the strategy is registered and chosen by, for example <c>least-loaded</c>. Compared ignoring case.</summary>
    string Name { get; }

    /// <summary>Chooses the next agent to receive work.</summary>
    /// <param name="team">The team being dispatched.</param>
    /// <param name="candidates">The team's agents that are online and below capacity; never empty.</param>
    /// <returns>One of <paramref name="candidates"/>, or null to give no more work to this team now.</returns>
    Agent? Select(TeamId team, IReadOnlyList<Agent> candidates);
}
