using CrmCore.Agents;
using CrmCore.Routing;

namespace CrmCore.Desk;

/// <summary>The default <see cref="IRoutingPolicy"/>: every ticket waits in one group and needs no skill. Thread-safe.</summary>
/// <param name="group">The group; default <c>L1</c>.</param>
public sealed class SingleGroupRouting(TeamId? group = null) : IRoutingPolicy
{
    private readonly TeamId _group = group ?? new TeamId("L1");

    /// <inheritdoc />
    public GroupAssignment Route(TicketView ticket) => new(_group, SkillSet.Empty);
}
