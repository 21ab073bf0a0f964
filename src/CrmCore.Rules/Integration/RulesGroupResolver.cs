using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Integration;

/// <summary>
/// An <see cref="IGroupResolver"/> backed by the Routing workflow of a rule set: the first Routing rule that holds names the
/// service group (its <c>SuccessEvent</c>) and, optionally, the required skill (its <c>Skill</c> property).
/// </summary>
/// <remarks>
/// Routing rules may read only the facts a <see cref="RoutingRequest"/> carries (the customer's industry and the ticket type);
/// other ticket facts have their defaults. Thread-safe when the rule set source is: the rule set is read once per call, so a
/// hot reload takes effect at the next ticket.
/// </remarks>
public sealed class RulesGroupResolver : IGroupResolver
{
    private readonly Func<RuleSet> ruleSet;
    private readonly TeamId fallback;

    /// <summary>Creates a resolver over a fixed rule set.</summary>
    /// <param name="ruleSet">The compiled rule set; its Routing workflow is used.</param>
    /// <param name="fallback">The group when no Routing rule holds; default <c>GeneralServiceGroup</c>.</param>
    public RulesGroupResolver(RuleSet ruleSet, TeamId? fallback = null)
        : this(() => ruleSet, fallback)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
    }

    /// <summary>Creates a resolver that reads the current rule set at every call (for hot reload).</summary>
    /// <param name="ruleSet">Returns the rule set in force.</param>
    /// <param name="fallback">The group when no Routing rule holds; default <c>GeneralServiceGroup</c>.</param>
    public RulesGroupResolver(Func<RuleSet> ruleSet, TeamId? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        this.ruleSet = ruleSet;
        this.fallback = fallback ?? new TeamId("GeneralServiceGroup");
    }

    /// <inheritdoc />
    public GroupAssignment Resolve(RoutingRequest request)
    {
        var facts = TicketFacts.From(
            new TicketFactsInput { Type = request.Type, CustomerIndustry = request.Industry ?? string.Empty },
            Instant.MinValue);
        var evaluation = ruleSet().EvaluateTicket(facts);
        var group = string.IsNullOrWhiteSpace(evaluation.RoutingTarget) ? fallback : new TeamId(evaluation.RoutingTarget);
        var skills = string.IsNullOrWhiteSpace(evaluation.RoutingSkill) ? SkillSet.Empty : SkillSet.Of(new Skill(evaluation.RoutingSkill));
        return new GroupAssignment(group, skills);
    }
}
