using System.Collections.Frozen;
using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// A plain-C# <see cref="IRoutingPolicy"/> backed by two maps: the customer's industry → group, and the ticket's type → required skills.
/// Industries are matched ordinally, ignoring case; a ticket whose customer is not on record, or whose industry is not mapped, goes to the
/// default group; an unmapped type requires no skill. Register it in place of the default with
/// <c>services.AddSingleton&lt;IRoutingPolicy&gt;(new DictionaryRouting(...))</c> before <c>AddCrmCore()</c>. Immutable and thread-safe.
/// </summary>
public sealed class DictionaryRouting : IRoutingPolicy
{
    private readonly FrozenDictionary<string, TeamId> _industries;
    private readonly FrozenDictionary<TicketType, SkillSet> _types;
    private readonly TeamId _defaultGroup;

    /// <summary>Creates the policy.</summary>
    /// <param name="defaultGroup">The group for tickets whose industry is not mapped; must not be the default instance.</param>
    /// <param name="industryGroups">Industry code → group; null means none.</param>
    /// <param name="typeSkills">Ticket type → required skills; null means none.</param>
    /// <exception cref="ArgumentException">The default group, a mapped group or a skill set is the default instance or null.</exception>
    public DictionaryRouting(
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
            throw new ArgumentException("Every industry must map to a non-default group.", nameof(industryGroups));
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
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public GroupAssignment Route(TicketView ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var industry = ticket.Customer?.Industry.Code;
        var group = !string.IsNullOrEmpty(industry) && _industries.TryGetValue(industry, out var mapped) ? mapped : _defaultGroup;
        var skills = _types.TryGetValue(ticket.Ticket.Type, out var required) ? required : SkillSet.Empty;
        return new GroupAssignment(group, skills);
    }
}
