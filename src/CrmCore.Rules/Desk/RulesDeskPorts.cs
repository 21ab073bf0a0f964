using System.Globalization;
using System.Runtime.CompilerServices;
using CrmCore.Agents;
using CrmCore.Desk;
using CrmCore.Routing;
using CrmCore.Rules.Reference;
using NodaTime;

namespace CrmCore.Rules.Desk;

/// <summary>
/// The rule pack behind the desk's ports: priority is the Priority workflow's points (rounded to a whole number), routing is the Routing
/// workflow's target group and skill (<c>GeneralServiceGroup</c> when no rule names one), customer classification is the Tiering and
/// Tagging workflows, churn factors are the ChurnRisk workflow's reasons (evaluated once per customer view and shared), the escalation path is the ladders the
/// Escalation workflow's rules choose (<c>Properties.Ladder</c>; every ladder when the rule set has no Escalation workflow). The ticket
/// workflows are evaluated once per ticket view and shared by the ports, so the Routing workflow runs once per submitted ticket. Reads the current rule set on
/// every call, so reloads apply. A rule that throws at run time counts as not held and the evaluation goes on, on either backend: the
/// failure is raised through <see cref="RuleSet.RuleFailed"/> (which <see cref="Reload.RuleSetProvider"/> logs as a warning) and, for a
/// new ticket or the escalation path an advance chose, reported on the desk's result as <see cref="TicketRuleFailed"/>
/// (<see cref="RuleFailures"/>, <see cref="EscalationRuleFailures"/>), and for a customer's classification or churn factors as
/// <see cref="CustomerRuleFailed"/> (<see cref="ClassificationRuleFailures"/>, <see cref="ChurnRuleFailures"/>). Thread-safe.
/// </summary>
public sealed class RulesDeskPorts : IPriorityScorer, IRoutingPolicy, IEscalationPathChooser, ICustomerClassifier, IChurnFactorSource, ITicketRuleFailureSource,
    ICustomerRuleFailureSource
{
    private readonly Func<RuleSet> _ruleSet;
    private readonly RuleBackend _backend;
    private readonly IClock _clock;
    private readonly TeamId _fallback;
    private readonly ConditionalWeakTable<TicketView, TicketEvaluation> _evaluations = [];
    private readonly ConditionalWeakTable<CustomerView, CustomerEvaluation> _customerEvaluations = [];
    private readonly ConditionalWeakTable<RuleSet, RulesEngineReferenceEvaluator> _engines = [];

    /// <summary>The group a ticket goes to when no Routing rule holds and the host named no other fallback.</summary>
    public const string DefaultFallbackGroup = "GeneralServiceGroup";

    /// <summary>Creates the ports.</summary>
    /// <param name="ruleSet">Returns the rule set in force (read per evaluation).</param>
    /// <param name="backend">Which executor runs the rules.</param>
    /// <param name="clock">Where "now" comes from for the facts.</param>
    /// <param name="fallback">The group when no Routing rule names one; default <c>GeneralServiceGroup</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ruleSet"/> or <paramref name="clock"/> is null.</exception>
    public RulesDeskPorts(Func<RuleSet> ruleSet, RuleBackend backend, IClock clock, TeamId? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(clock);
        _ruleSet = ruleSet;
        _backend = backend;
        _clock = clock;
        _fallback = fallback ?? new TeamId(DefaultFallbackGroup);
    }

    /// <summary>The executor in use.</summary>
    public RuleBackend Backend => _backend;

    /// <inheritdoc />
    public long Score(TicketView ticket)
    {
        var points = Evaluate(ticket).PriorityPoints;
        return (long)Math.Round(points, MidpointRounding.AwayFromZero);
    }

    /// <inheritdoc />
    public GroupAssignment Route(TicketView ticket)
    {
        var evaluation = Evaluate(ticket);
        var group = string.IsNullOrWhiteSpace(evaluation.RoutingTarget) ? _fallback : new TeamId(evaluation.RoutingTarget);
        var skills = string.IsNullOrWhiteSpace(evaluation.RoutingSkill) ? SkillSet.Empty : SkillSet.Of(new Skill(evaluation.RoutingSkill));
        return new GroupAssignment(group, skills);
    }

    /// <summary>
    /// The ladders the Escalation workflow's rules that hold choose for the ticket (ordinal names; empty when none holds, so no
    /// ladder applies), or null when the rule set has no Escalation workflow (every ladder of the policy applies).
    /// </summary>
    /// <param name="ticket">The ticket and its customer.</param>
    /// <returns>The ladder names, or null for all.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public IReadOnlySet<string>? Choose(TicketView ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!_ruleSet().Workflows.Any(w => w.Value == WorkflowKind.Escalation))
        {
            return null;
        }

        return Evaluate(ticket).Ladders.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The rules of the ticket workflows that failed at run time for the ticket (the evaluation the other ports share), as
    /// desk events with the failure described in English and Simplified Chinese (<see cref="RuleFailure.Describe"/>; the Chinese also
    /// without ICU).</summary>
    /// <param name="ticket">The ticket and its customer.</param>
    /// <param name="at">When the failure is reported.</param>
    /// <returns>One event per failure, in rule order; empty when no rule failed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public IReadOnlyList<TicketRuleFailed> RuleFailures(TicketView ticket, Instant at) =>
        TicketFailures(ticket, at, static _ => true);

    /// <summary>The rules of the Escalation workflows that failed at run time for the ticket (what <see cref="Choose"/> read), as desk
    /// events in English and Simplified Chinese.</summary>
    /// <param name="ticket">The ticket and its customer.</param>
    /// <param name="at">When the failure is reported.</param>
    /// <returns>One event per failure, in rule order; empty when no Escalation rule failed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public IReadOnlyList<TicketRuleFailed> EscalationRuleFailures(TicketView ticket, Instant at) =>
        TicketFailures(ticket, at, static kind => kind == WorkflowKind.Escalation);

    /// <summary>The rules of the Tiering and Tagging workflows that failed at run time for the customer (what <see cref="Classify"/>
    /// read), as desk events in English and Simplified Chinese.</summary>
    /// <param name="customer">The customer view.</param>
    /// <param name="at">When the failure is reported.</param>
    /// <returns>One event per failure, in rule order; empty when no such rule failed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public IReadOnlyList<CustomerRuleFailed> ClassificationRuleFailures(CustomerView customer, Instant at) =>
        CustomerFailures(customer, at, static kind => kind is WorkflowKind.Tiering or WorkflowKind.Tagging);

    /// <summary>The rules of the ChurnRisk workflows that failed at run time for the customer (what <see cref="Factors"/> read), as desk
    /// events in English and Simplified Chinese.</summary>
    /// <param name="customer">The customer view.</param>
    /// <param name="at">When the failure is reported.</param>
    /// <returns>One event per failure, in rule order; empty when no ChurnRisk rule failed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public IReadOnlyList<CustomerRuleFailed> ChurnRuleFailures(CustomerView customer, Instant at) =>
        CustomerFailures(customer, at, static kind => kind == WorkflowKind.ChurnRisk);

    private IReadOnlyList<TicketRuleFailed> TicketFailures(TicketView ticket, Instant at, Func<WorkflowKind, bool> kinds) =>
        [.. Of(Evaluate(ticket).Failures, kinds).Select(f => Report(f, (en, zh) => new TicketRuleFailed(ticket.Ticket.Id, at, f.Workflow, f.Rule, en, zh)))];

    private IReadOnlyList<CustomerRuleFailed> CustomerFailures(CustomerView customer, Instant at, Func<WorkflowKind, bool> kinds) =>
        [.. Of(Evaluate(customer).Failures, kinds).Select(f => Report(f, (en, zh) => new CustomerRuleFailed(customer.Customer.Id, at, f.Workflow, f.Rule, en, zh)))];

    private static IEnumerable<RuleFailure> Of(IEnumerable<RuleFailure> failures, Func<WorkflowKind, bool> kinds) =>
        failures.Where(f => kinds(Compilation.RuleSetCompiler.TryResolveKind(f.Workflow, out var kind) ? kind : WorkflowKind.Custom));

    /// <summary>A failure as a desk event (made by <paramref name="make"/> from the English and Chinese text), with its file position. The
    /// languages are asked for by themselves, not through cultures, so the Chinese text is there even where .NET makes no culture.</summary>
    private static T Report<T>(RuleFailure failure, Func<string, string, T> make)
        where T : DeskRuleFailed =>
        make(failure.DescribeIn(chinese: false), failure.DescribeIn(chinese: true)) with
        {
            File = failure.File,
            Line = failure.Line,
            Column = failure.Column,
        };

    /// <summary>The tier the Tiering workflow gives (null when no rule holds: the recorded tier stays) and the tags of the Tagging
    /// workflow, from the customer's record, activity and background.</summary>
    /// <param name="customer">The customer view.</param>
    /// <returns>The labels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public CustomerLabels Classify(CustomerView customer)
    {
        var evaluation = Evaluate(customer);
        return new CustomerLabels(evaluation.Tier, evaluation.Tags);
    }

    /// <summary>The ChurnRisk workflow's reasons as churn factors (rule name, points, reason and its Chinese text).</summary>
    /// <param name="customer">The customer view.</param>
    /// <returns>The factors, in rule order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public IReadOnlyList<CrmCore.Churn.ChurnFactor> Factors(CustomerView customer) =>
        [.. Evaluate(customer).ChurnRiskReasons.Select(r => new CrmCore.Churn.ChurnFactor(r.Rule, (double)r.Points, r.Reason, r.ReasonZhHans))];

    private CustomerEvaluation Evaluate(CustomerView customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return _customerEvaluations.GetValue(customer, Run);
    }

    private CustomerEvaluation Run(CustomerView customer)
    {
        var set = _ruleSet();
        var facts = CustomerFactsProjection.ToFacts(customer);
        return _backend switch
        {
            RuleBackend.Compiled => set.EvaluateCustomer(facts),
            RuleBackend.RulesEngine => _engines.GetValue(set, s => new RulesEngineReferenceEvaluator(s)).EvaluateCustomerAsync(facts).GetAwaiter().GetResult(),
            _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Unknown rule backend {(int)_backend}.")),
        };
    }

    private TicketEvaluation Evaluate(TicketView ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return _evaluations.GetValue(ticket, Run);
    }

    private TicketEvaluation Run(TicketView ticket)
    {
        var set = _ruleSet();
        var facts = TicketFactsProjection.ToFacts(ticket, _clock.GetCurrentInstant());
        var evaluation = _backend switch
        {
            RuleBackend.Compiled => set.EvaluateTicket(facts),
            RuleBackend.RulesEngine => _engines.GetValue(set, s => new RulesEngineReferenceEvaluator(s)).EvaluateTicketAsync(facts).GetAwaiter().GetResult(),
            _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Unknown rule backend {(int)_backend}.")),
        };
        return evaluation;
    }
}
