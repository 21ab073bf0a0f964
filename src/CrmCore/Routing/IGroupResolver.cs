namespace CrmCore.Routing;

/// <summary>
/// Places a ticket in a team (service group) and names the skills it needs, for example industry → service group and
/// type → skill. The default, <see cref="DictionaryGroupResolver"/>, reads two maps; a rules-backed resolver can replace it through
/// DI. Implementations must be thread-safe.
/// </summary>
public interface IGroupResolver
{
    /// <summary>Resolves the group and required skills for a ticket.</summary>
    /// <param name="request">What is known about the ticket.</param>
    /// <returns>The assignment; never the default instance.</returns>
    GroupAssignment Resolve(RoutingRequest request);
}
