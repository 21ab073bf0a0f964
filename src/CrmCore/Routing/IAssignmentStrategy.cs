using CrmCore.Agents;

namespace CrmCore.Routing;

/// <summary>
/// Chooses which agent of a team pulls the next ticket when a host pushes work instead of letting agents pull it: the host passes the
/// team's available agents, then calls the service desk's <c>PullNextAsync</c> for the chosen one, which gives it the best ticket it may
/// take. <c>AddCrmRouting()</c> registers the built-in strategies by <see cref="Name"/>. Implementations must be thread-safe.
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
