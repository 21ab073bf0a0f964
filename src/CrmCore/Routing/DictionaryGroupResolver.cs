using System.Collections.Frozen;
using CrmCore.Agents;
using CrmCore.Tickets;

namespace CrmCore.Routing;

/// <summary>
/// A group resolver backed by two maps: industry → team, and ticket type → required skills. Industries are matched ordinally,
/// ignoring case; an unknown or missing industry goes to the default team, an unknown type requires no skills. Immutable and
/// thread-safe.
/// </summary>
public sealed class DictionaryGroupResolver : IGroupResolver
{
    private readonly FrozenDictionary<string, TeamId> _industries;
    private readonly FrozenDictionary<TicketType, SkillSet> _types;
    private readonly TeamId _defaultGroup;

    /// <summary>Creates the resolver.</summary>
    /// <param name="defaultGroup">The team for tickets whose industry is not mapped; must not be the default instance.</param>
    /// <param name="industryGroups">Industry code → team; null means none.</param>
    /// <param name="typeSkills">Ticket type → required skills; null means none.</param>
    /// <exception cref="ArgumentException">The default team, a mapped team or a skill set is the default instance or null.</exception>
    public DictionaryGroupResolver(
        TeamId defaultGroup,
        IReadOnlyDictionary<string, TeamId>? industryGroups = null,
        IReadOnlyDictionary<TicketType, SkillSet>? typeSkills = null)
    {
        if (defaultGroup.IsEmpty)
        {
            throw new ArgumentException("The default group must not be the default instance.", nameof(defaultGroup));
        }

        industryGroups ??= new Dictionary<string, TeamId>();
        typeSkills ??= new Dictionary<TicketType, SkillSet>();
        if (industryGroups.Any(p => p.Value.IsEmpty))
        {
            throw new ArgumentException("Every industry must map to a non-default team.", nameof(industryGroups));
        }

        if (typeSkills.Any(p => p.Value is null))
        {
            throw new ArgumentException("Every ticket type must map to a skill set.", nameof(typeSkills));
        }

        _defaultGroup = defaultGroup;
        _industries = industryGroups.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _types = typeSkills.ToFrozenDictionary();
    }

    /// <inheritdoc />
    public GroupAssignment Resolve(RoutingRequest request)
    {
        var group = request.Industry is { } industry && _industries.TryGetValue(industry, out var mapped) ? mapped : _defaultGroup;
        var skills = _types.TryGetValue(request.Type, out var required) ? required : SkillSet.Empty;
        return new GroupAssignment(group, skills);
    }
}
