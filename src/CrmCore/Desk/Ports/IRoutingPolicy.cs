using CrmCore.Routing;

namespace CrmCore.Desk;

/// <summary>
/// A port of the desk: decides which group (team) a ticket waits in and which skills an agent needs for it. Runs once per submitted
/// ticket. <c>AddCrmRules()</c> puts the rule pack's Routing workflow here; the default, <see cref="SingleGroupRouting"/>, sends everything
/// to one group. Implementations must be thread-safe.
/// </summary>
public interface IRoutingPolicy
{
    /// <summary>Routes a ticket.</summary>
    /// <param name="ticket">The ticket and its customer.</param>
    /// <returns>The group and required skills. Skill codes are compared case-insensitively by the desk.</returns>
    GroupAssignment Route(TicketView ticket);
}
