using CrmCore.Rules.Loading;

namespace CrmCore.Rules.Compilation;

/// <summary>
/// Turns "this rule held" events into evaluation results by the kinds' conventions. Shared by the compiled path and the
/// RulesEngine reference path, so the two differ only in how predicates and points are evaluated. Not thread-safe; one per item.
/// </summary>
internal sealed class EvaluationBuilder
{
    private readonly List<FiredRule> _fired = [];
    private readonly List<ScoredReason> _reasons = [];
    private readonly List<string> _tags = [];
    private readonly List<EscalationRuleMatch> _steps = [];
    private readonly List<RuleFailure> _failures = [];
    private decimal _total;
    private string? _tier;
    private string? _target;
    private string? _skill;

    /// <summary>The tier the Tiering workflow gave so far; null when none.</summary>
    public string? Tier => _tier;

    public static bool NeedsPoints(WorkflowKind kind) => kind is WorkflowKind.Priority or WorkflowKind.ChurnRisk;

    /// <summary>Whether a first-match workflow of this kind has already decided (later rules are not evaluated).</summary>
    public bool Decided(WorkflowKind kind) => (kind == WorkflowKind.Tiering && _tier is not null) || (kind == WorkflowKind.Routing && _target is not null);

    public void Failed(RuleFailure failure) => _failures.Add(failure);

    /// <summary>Records a rule that held; returns the overflow instead when its points would overflow the total (the rule then does not count).</summary>
    public OverflowException? Held(string workflow, WorkflowKind kind, RuleDefinition rule, decimal points)
    {
        if (NeedsPoints(kind))
        {
            try
            {
                _total = checked(_total + points);
            }
            catch (OverflowException e)
            {
                return new OverflowException($"The points total overflows: {e.Message}", e);
            }
        }

        _fired.Add(new FiredRule(workflow, kind, rule.Name, rule.SuccessEvent));
        switch (kind)
        {
            case WorkflowKind.Tiering:
                _tier = rule.SuccessEvent;
                break;
            case WorkflowKind.Tagging:
                _tags.Add(rule.SuccessEvent!);
                break;
            case WorkflowKind.Priority or WorkflowKind.ChurnRisk:
                _reasons.Add(new ScoredReason(rule.SuccessEvent!, points, workflow, rule.Name)
                {
                    ReasonZhHans = rule.Properties.TryGetValue("ReasonZhHans", out var zh) ? zh as string : null,
                });
                break;
            case WorkflowKind.Routing:
                _target = rule.SuccessEvent;
                _skill = rule.Properties.TryGetValue("Skill", out var s) ? s as string : null;
                break;
            case WorkflowKind.Escalation:
                _steps.Add(new EscalationRuleMatch(((string)rule.Properties["Ladder"]!).Trim(), rule.SuccessEvent!, rule.Name));
                break;
        }

        return null;
    }

    public CustomerEvaluation ToCustomer(TagRegistry registry) => new()
    {
        Tier = _tier,
        Tags = registry.Names.Where(_tags.Contains).ToArray(),
        ChurnRiskPoints = _total,
        ChurnRiskReasons = _reasons,
        FiredRules = _fired,
        Failures = _failures,
    };

    public TicketEvaluation ToTicket() => new()
    {
        PriorityPoints = _total,
        PriorityReasons = _reasons,
        RoutingTarget = _target,
        RoutingSkill = _skill,
        Escalations = _steps,
        FiredRules = _fired,
        Failures = _failures,
    };
}
