using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Rules.Facts;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Rules.Integration;

/// <summary>
/// An <see cref="IGroupResolver"/> backed by the Routing workflow of a rule set: the first Routing rule that holds names the
/// service group (its <c>SuccessEvent</c>) and, optionally, the required skill (its <c>Skill</c> property).
/// </summary>
/// <remarks>
/// The ticket facts are built from everything a <see cref="RoutingRequest"/> carries: type, customer industry, urgency, channel,
/// customer tier and tags and the raise time; facts the request leaves unknown get the <see cref="TicketFactsInput"/> defaults.
/// Routing rules may not read time-dependent facts (rejected at load with CRM034). Thread-safe when the rule set source is: the
/// rule set is read once per call, so a hot reload takes effect at the next ticket.
/// </remarks>
public sealed class RulesGroupResolver : IGroupResolver
{
    private readonly Func<RuleSet> ruleSet;
    private readonly TeamId fallback;
    private readonly IClock? clock;

    /// <summary>Creates a resolver over a fixed rule set.</summary>
    /// <param name="ruleSet">The compiled rule set; its Routing workflow is used.</param>
    /// <param name="fallback">The group when no Routing rule holds; default <c>GeneralServiceGroup</c>.</param>
    /// <param name="clock">Gives "now" for the ticket facts; default null: the request's <see cref="RoutingRequest.RaisedAt"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ruleSet"/> is null.</exception>
    public RulesGroupResolver(RuleSet ruleSet, TeamId? fallback = null, IClock? clock = null)
        : this(() => ruleSet, fallback, clock)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
    }

    /// <summary>Creates a resolver that reads the current rule set at every call (for hot reload).</summary>
    /// <param name="ruleSet">Returns the rule set in force.</param>
    /// <param name="fallback">The group when no Routing rule holds; default <c>GeneralServiceGroup</c>.</param>
    /// <param name="clock">Gives "now" for the ticket facts; default null: the request's <see cref="RoutingRequest.RaisedAt"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ruleSet"/> is null.</exception>
    public RulesGroupResolver(Func<RuleSet> ruleSet, TeamId? fallback = null, IClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        this.ruleSet = ruleSet;
        this.fallback = fallback ?? new TeamId("GeneralServiceGroup");
        this.clock = clock;
    }

    /// <inheritdoc />
    public GroupAssignment Resolve(RoutingRequest request)
    {
        var raisedAt = request.RaisedAt ?? default;
        var input = new TicketFactsInput
        {
            Type = request.Type,
            CustomerIndustry = request.Industry ?? string.Empty,
            Urgency = request.Urgency ?? Urgency.General,
            Channel = request.Channel ?? Channel.Phone,
            CustomerTier = request.CustomerTier ?? string.Empty,
            CustomerTags = request.CustomerTags ?? [],
            RaisedAt = raisedAt,
        };
        var facts = TicketFacts.From(input, clock?.GetCurrentInstant() ?? raisedAt);
        var evaluation = ruleSet().Route(facts);
        var group = string.IsNullOrWhiteSpace(evaluation.RoutingTarget) ? fallback : new TeamId(evaluation.RoutingTarget);
        var skills = string.IsNullOrWhiteSpace(evaluation.RoutingSkill) ? SkillSet.Empty : SkillSet.Of(new Skill(evaluation.RoutingSkill));
        return new GroupAssignment(group, skills);
    }
}
