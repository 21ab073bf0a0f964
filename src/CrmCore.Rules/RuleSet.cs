using System.Linq.Expressions;
using CrmCore.Rules.Compilation;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Explain;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Loading;

namespace CrmCore.Rules;

/// <summary>
/// A loaded, fully compiled set of CrmCore workflows. Every expression was compiled and sandbox-checked at load; evaluation runs
/// typed delegates. Tiering and Tagging are fused into one delegate (<see cref="Classify"/>) that does not allocate.
/// Immutable (apart from <see cref="RuleFailed"/> subscriptions and <see cref="FailureCount"/>) and thread-safe: share one
/// instance between threads.
/// </summary>
public sealed class RuleSet
{
    private readonly CompiledRuleSetParts _parts;
    private readonly Func<CustomerFacts, CustomerClassification> _classify;
    private readonly Func<CustomerFacts, CustomerClassification> _classifyGuarded;
    private readonly CompiledWorkflow<TicketFacts>[] _routingWorkflows;
    private long _failureCount;

    internal RuleSet(CompiledRuleSetParts parts, IReadOnlyList<WorkflowDefinition> definitions, IReadOnlyList<RuleDiagnostic> warnings, string contentHash)
    {
        _parts = parts;
        Definitions = definitions;
        Warnings = warnings;
        ContentHash = contentHash;
        Tags = new TagRegistry(TaggingRules.Select(r => r.Rule.SuccessEvent!));
        Tiers = TieringRules.Select(r => r.SuccessEvent!).Distinct(StringComparer.Ordinal).ToArray();
        _classify = BuildClassifier(guarded: false);
        _classifyGuarded = BuildClassifier(guarded: true);
        Workflows = definitions.Select(d => new KeyValuePair<string, WorkflowKind>(d.Name, KindOf(d.Name))).ToArray();
        _routingWorkflows = parts.TicketWorkflows.Where(w => w.Kind == WorkflowKind.Routing).ToArray();
    }

    /// <summary>The workflows, by name and kind, in load order.</summary>
    public IReadOnlyList<KeyValuePair<string, WorkflowKind>> Workflows { get; }

    /// <summary>The tags the Tagging workflows can give.</summary>
    public TagRegistry Tags { get; }

    /// <summary>The tier names, in rule order.</summary>
    public IReadOnlyList<string> Tiers { get; }

    /// <summary>The warnings found while loading.</summary>
    public IReadOnlyList<RuleDiagnostic> Warnings { get; }

    /// <summary>
    /// Raised each time a rule fails at run time (in <see cref="Classify"/>, the evaluate, dry-run and explain methods): its
    /// condition or points threw, or its points would overflow the total. The rule then counts as failed and not held (no
    /// outcome, no points) and the call goes on, so one bad item never aborts a batch; use this event to log
    /// or count such failures. Raised on the evaluating thread, possibly from several threads at once; it costs nothing when no
    /// rule throws. Handlers must be quick and must not throw: an exception from a handler propagates to the caller.
    /// </summary>
    public event EventHandler<RuleFailedEventArgs>? RuleFailed;

    /// <summary>How many rule failures this set has seen since it was loaded (see <see cref="RuleFailed"/>). Thread-safe.</summary>
    public long FailureCount => Interlocked.Read(ref _failureCount);

    /// <summary>Lower-case hex SHA-256 of the sources this set was loaded from.</summary>
    public string ContentHash { get; }

    internal IReadOnlyList<WorkflowDefinition> Definitions { get; }

    internal IReadOnlyList<CompiledWorkflow<CustomerFacts>> CustomerWorkflows => _parts.CustomerWorkflows;

    internal IReadOnlyList<CompiledWorkflow<TicketFacts>> TicketWorkflows => _parts.TicketWorkflows;

    private IEnumerable<CompiledRule<CustomerFacts>> TieringRules => TieringRulesWithWorkflow.Select(x => x.Rule);

    private IEnumerable<(CompiledWorkflow<CustomerFacts> Workflow, CompiledRule<CustomerFacts> Rule)> TaggingRules
        => _parts.CustomerWorkflows.Where(w => w.Kind == WorkflowKind.Tagging).SelectMany(w => w.Rules.Select(r => (w, r)));

    /// <summary>Tiers and tags one customer with the fused compiled delegate. Does not allocate.</summary>
    /// <param name="customer">The facts.</param>
    /// <returns>The tag mask (over <see cref="Tags"/>) and the tier index (into <see cref="Tiers"/>, -1 when none).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public CustomerClassification Classify(CustomerFacts customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        try
        {
            // Fast path: one delegate without per-rule exception handling.
            return _classify(customer);
        }
#pragma warning disable CA1031 // A failing rule must not abort a batch: retry with per-rule guards (a failing rule does not hold).
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return _classifyGuarded(customer);
        }
    }

    /// <summary>The tier name of a classification, or null.</summary>
    /// <param name="classification">A result of <see cref="Classify"/> on this set.</param>
    /// <returns>The tier name or null.</returns>
    public string? TierOf(CustomerClassification classification)
        => classification.TierIndex >= 0 && classification.TierIndex < Tiers.Count ? Tiers[classification.TierIndex] : null;

    /// <summary>Runs the customer workflows (Tiering, Tagging, ChurnRisk) on one customer.</summary>
    /// <param name="customer">The facts.</param>
    /// <returns>The tier, tags, churn-risk points and reasons and every rule that held.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public CustomerEvaluation EvaluateCustomer(CustomerFacts customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return Evaluate(_parts.CustomerWorkflows, customer).ToCustomer(Tags);
    }

    /// <summary>Runs the ticket workflows (Priority, Routing, Escalation) on one ticket.</summary>
    /// <param name="ticket">The facts.</param>
    /// <returns>Priority points and reasons, the routing target and the escalation steps, and every rule that held.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public TicketEvaluation EvaluateTicket(TicketFacts ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Evaluate(_parts.TicketWorkflows, ticket).ToTicket();
    }

    /// <summary>
    /// Runs only the Routing workflow on one ticket: what a router needs per ticket, without evaluating the Priority and
    /// Escalation rules. The result's <see cref="TicketEvaluation.RoutingTarget"/> and <see cref="TicketEvaluation.RoutingSkill"/>
    /// equal those of <see cref="EvaluateTicket"/> for the same facts; its priority and escalation parts are empty.
    /// </summary>
    /// <param name="ticket">The facts.</param>
    /// <returns>The routing target and skill, the Routing rule that held, and any rule failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public TicketEvaluation Route(TicketFacts ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Evaluate(_routingWorkflows, ticket).ToTicket();
    }

    /// <summary>Dry run: evaluates the customer workflows on each customer, for trying rules on sample data before publishing.</summary>
    /// <param name="customers">The facts.</param>
    /// <returns>One evaluation per customer, in order, each with the rules that held.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> or an item is null.</exception>
    public IReadOnlyList<CustomerEvaluation> DryRun(IEnumerable<CustomerFacts> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return customers.Select(EvaluateCustomer).ToArray();
    }

    /// <summary>Dry run: evaluates the ticket workflows on each ticket.</summary>
    /// <param name="tickets">The facts.</param>
    /// <returns>One evaluation per ticket, in order, each with the rules that held.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tickets"/> or an item is null.</exception>
    public IReadOnlyList<TicketEvaluation> DryRun(IEnumerable<TicketFacts> tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        return tickets.Select(EvaluateTicket).ToArray();
    }

    /// <summary>Explains the customer workflows for one customer: every rule evaluated, whether it held, each clause and fact read.</summary>
    /// <param name="customer">The facts.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public RuleExplanation ExplainCustomer(CustomerFacts customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return Explainer.Explain(_parts.CustomerWorkflows, customer, ReportFailure);
    }

    /// <summary>Explains the ticket workflows for one ticket.</summary>
    /// <param name="ticket">The facts.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public RuleExplanation ExplainTicket(TicketFacts ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Explainer.Explain(_parts.TicketWorkflows, ticket, ReportFailure);
    }

    /// <summary>Counts a rule failure and raises <see cref="RuleFailed"/>.</summary>
    internal RuleFailure ReportFailure(string workflow, RuleDefinition rule, RuleFailureStage stage, Exception exception)
    {
        Interlocked.Increment(ref _failureCount);
        var failure = RuleFailure.From(workflow, rule, stage, exception);
        RuleFailed?.Invoke(this, new RuleFailedEventArgs(failure, exception));
        return failure;
    }

    private EvaluationBuilder Evaluate<TFacts>(IEnumerable<CompiledWorkflow<TFacts>> workflows, TFacts facts)
    {
        var builder = new EvaluationBuilder();
        foreach (var wf in workflows)
        {
            foreach (var rule in wf.Rules)
            {
                if (builder.Decided(wf.Kind))
                {
                    break;
                }

                var held = rule.Holds(facts, out var error);
                if (error is not null)
                {
                    builder.Failed(ReportFailure(wf.Name, rule.Definition, RuleFailureStage.Condition, error));
                }

                if (held)
                {
                    var points = 0m;
                    if (EvaluationBuilder.NeedsPoints(wf.Kind))
                    {
                        points = rule.Points(facts, out error);
                        if (error is not null)
                        {
                            // A rule whose points fail counts as failed, not as held with 0 points: no reason, not fired.
                            builder.Failed(ReportFailure(wf.Name, rule.Definition, RuleFailureStage.Points, error));
                            continue;
                        }
                    }

                    if (builder.Held(wf.Name, wf.Kind, rule.Definition, points) is { } overflow)
                    {
                        builder.Failed(ReportFailure(wf.Name, rule.Definition, RuleFailureStage.PointsTotal, overflow));
                    }
                }
            }
        }

        return builder;
    }

    private static WorkflowKind KindOf(string name) => RuleSetCompiler.TryResolveKind(name, out var k) ? k : WorkflowKind.Custom;

    private IEnumerable<(CompiledWorkflow<CustomerFacts> Workflow, CompiledRule<CustomerFacts> Rule)> TieringRulesWithWorkflow
        => _parts.CustomerWorkflows.Where(w => w.Kind == WorkflowKind.Tiering).SelectMany(w => w.Rules.Select(r => (w, r)));

    /// <summary>The rule's body wrapped so that an exception is reported (<see cref="ReportFailure"/>) and the rule does not hold.</summary>
    private Expression GuardReporting(string workflow, CompiledRule<CustomerFacts> rule)
    {
        var definition = rule.Definition;
        return RuleSetCompiler.Guard(rule.Body, e => ReportFailure(workflow, definition, RuleFailureStage.Condition, e));
    }

    private Func<CustomerFacts, CustomerClassification> BuildClassifier(bool guarded)
    {
        var p = RuleSetCompiler.CustomerParameter;
        var mask = Expression.Variable(typeof(ulong), "mask");
        var body = new List<Expression> { Expression.Assign(mask, Expression.Constant(0UL)) };
        foreach (var (wf, rule) in TaggingRules)
        {
            Tags.TryGetId(rule.SuccessEvent!, out var id);
            body.Add(Expression.IfThen(guarded ? GuardReporting(wf.Name, rule) : rule.Body, Expression.OrAssign(mask, Expression.Constant(1UL << id))));
        }

        Expression tier = Expression.Constant(-1);
        foreach (var (wf, rule) in TieringRulesWithWorkflow.Reverse())
        {
            tier = Expression.Condition(guarded ? GuardReporting(wf.Name, rule) : rule.Body, Expression.Constant(Tiers.ToList().IndexOf(rule.SuccessEvent!)), tier);
        }

        var ctor = typeof(CustomerClassification).GetConstructor([typeof(ulong), typeof(int)])!;
        body.Add(Expression.New(ctor, mask, tier));
        return Expression.Lambda<Func<CustomerFacts, CustomerClassification>>(Expression.Block([mask], body), p).Compile();
    }
}
