using CrmCore.Rules.Compilation;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Loading;
using RulesEngine.Models;

namespace CrmCore.Rules.Reference;

/// <summary>
/// Evaluates a <see cref="RuleSet"/>'s workflows with RulesEngine's own <c>ExecuteAllRulesAsync</c>, the reference the compiled
/// path is checked against (and the baseline of the benchmarks). The workflows are the same ones the loader validated and
/// sandbox-checked; the inputs are named <c>customer</c> and <c>ticket</c>. A rule that RulesEngine reports as failed at run time (its
/// condition or points threw) counts as failed and not held, as on the compiled path: the evaluation goes on, the failure is on the
/// result's <c>Failures</c> and raised through <see cref="RuleSet.RuleFailed"/> (with the cause the same expression gives on the
/// compiled path, and the rule file's position). Much slower than <see cref="RuleSet"/>: use it for verification, not in production.
/// Thread-safe for concurrent evaluations.
/// </summary>
public sealed class RulesEngineReferenceEvaluator
{
    private readonly RuleSet _set;
    private readonly global::RulesEngine.RulesEngine _engine;
    private readonly Dictionary<string, Dictionary<string, RuleDefinition>> _rules;

    /// <summary>Builds a RulesEngine instance from the rule set's workflows.</summary>
    /// <param name="ruleSet">A loaded rule set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ruleSet"/> is null.</exception>
    public RulesEngineReferenceEvaluator(RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        _set = ruleSet;
        var settings = new ReSettings
        {
            CustomTypes = [typeof(CustomerFacts), typeof(TicketFacts), typeof(AgentFacts), typeof(TagSet)],
            AutoRegisterInputType = false,
        };
        var shared = ruleSet.Definitions.Where(d => KindOf(d) == WorkflowKind.Shared).SelectMany(d => d.GlobalParams).ToList();
        _engine = new global::RulesEngine.RulesEngine(ruleSet.Definitions.Where(d => KindOf(d) != WorkflowKind.Shared).Select(d => d.ToRulesEngine(shared)).ToArray(), settings);
        _rules = ruleSet.Definitions.ToDictionary(d => d.Name, d => d.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Runs the customer workflows through RulesEngine.</summary>
    /// <param name="customer">The facts.</param>
    /// <returns>The same shape of result as <see cref="RuleSet.EvaluateCustomer"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public async Task<CustomerEvaluation> EvaluateCustomerAsync(CustomerFacts customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        // Workflows after Tiering see the tier computed in this run as customer.Tier (the recorded one when no tiering rule held).
        var builder = new EvaluationBuilder();
        object facts = customer;
        foreach (var wf in _set.CustomerWorkflows)
        {
            if (wf.Kind != WorkflowKind.Tiering && builder.Tier is { } tier && ReferenceEquals(facts, customer))
            {
                facts = customer.WithTier(tier);
            }

            await EvaluateAsync(builder, [(wf.Name, wf.Kind)], "customer", facts).ConfigureAwait(false);
        }

        return builder.ToCustomer(_set.Tags);
    }

    /// <summary>Runs the ticket workflows through RulesEngine.</summary>
    /// <param name="ticket">The facts.</param>
    /// <returns>The same shape of result as <see cref="RuleSet.EvaluateTicket"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public async Task<TicketEvaluation> EvaluateTicketAsync(TicketFacts ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var builder = new EvaluationBuilder();
        await EvaluateAsync(builder, _set.TicketWorkflows.Select(w => (w.Name, w.Kind)), "ticket", ticket).ConfigureAwait(false);
        return builder.ToTicket();
    }

    private static WorkflowKind KindOf(WorkflowDefinition d) => RuleSetCompiler.TryResolveKind(d.Name, out var k) ? k : WorkflowKind.Custom;

    private async Task EvaluateAsync(EvaluationBuilder builder, IEnumerable<(string Name, WorkflowKind Kind)> workflows, string inputName, object facts)
    {
        foreach (var (name, kind) in workflows)
        {
            foreach (var r in await RunAsync(name, inputName, facts).ConfigureAwait(false))
            {
                if (builder.Decided(kind))
                {
                    break;
                }

                var rule = _rules[name][r.Rule.RuleName];
                if (!string.IsNullOrEmpty(r.ExceptionMessage))
                {
                    builder.Failed(_set.ReportFailure(name, rule, RuleFailureStage.Condition, Cause(name, rule, facts, RuleFailureStage.Condition, r.ExceptionMessage, null)));
                }
                else if (r.ActionResult?.Exception is { } actionFailure)
                {
                    // A rule whose points fail counts as failed, not as held with 0 points (as on the compiled path).
                    builder.Failed(_set.ReportFailure(name, rule, RuleFailureStage.Points, Cause(name, rule, facts, RuleFailureStage.Points, actionFailure.Message, actionFailure)));
                }
                else if (r.IsSuccess && builder.Held(name, kind, rule, EvaluationBuilder.NeedsPoints(kind) ? Points(r) : 0m) is { } overflow)
                {
                    builder.Failed(_set.ReportFailure(name, rule, RuleFailureStage.PointsTotal, overflow));
                }
            }
        }
    }

    private static decimal Points(RuleResultTree r)
    {
        if (r.ActionResult?.Output is { } output)
        {
            return Convert.ToDecimal(output, System.Globalization.CultureInfo.InvariantCulture);
        }

        return r.Rule.Properties is { } p && p.TryGetValue("Points", out var v) ? (decimal)v : 0m;
    }

    private async Task<List<RuleResultTree>> RunAsync(string workflow, string name, object facts) =>
        await _engine.ExecuteAllRulesAsync(workflow, new RuleParameter(name, facts)).ConfigureAwait(false);

    /// <summary>
    /// The exception behind a rule RulesEngine reported as failed. RulesEngine keeps only a message for a failed condition, so the same
    /// expression is run on the compiled path, which gives the exception itself (a division by zero, an overflow...) and so the cause
    /// in plain words; when it does not fail there, the failure is RulesEngine's own and its message is kept.
    /// </summary>
    private Exception Cause(string workflow, RuleDefinition rule, object facts, RuleFailureStage stage, string message, Exception? reported)
    {
        var error = facts switch
        {
            CustomerFacts customer => Rerun(_set.CustomerWorkflows, workflow, rule, customer, stage),
            TicketFacts ticket => Rerun(_set.TicketWorkflows, workflow, rule, ticket, stage),
            _ => null,
        };
        return error ?? reported ?? new InvalidOperationException(message);
    }

    private static Exception? Rerun<TFacts>(IEnumerable<CompiledWorkflow<TFacts>> workflows, string workflow, RuleDefinition rule, TFacts facts, RuleFailureStage stage)
    {
        var compiled = workflows.Where(w => w.Name == workflow).SelectMany(w => w.Rules).FirstOrDefault(r => ReferenceEquals(r.Definition, rule) || r.Name == rule.Name);
        if (compiled is null)
        {
            return null;
        }

        Exception? error;
        _ = stage == RuleFailureStage.Points ? compiled.Points(facts, out error) : (compiled.Holds(facts, out error) ? 1m : 0m);
        return error;
    }
}
