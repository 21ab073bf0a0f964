using CrmCore.Rules.Facts;
using CrmCore.Rules.Loading;
using RulesEngine.Models;

namespace CrmCore.Rules.Reference;

/// <summary>
/// Evaluates a <see cref="RuleSet"/>'s workflows with RulesEngine's own <c>ExecuteAllRulesAsync</c>, the reference the compiled
/// path is checked against (and the baseline of the benchmarks). The workflows are the same ones the loader validated and
/// sandbox-checked; the inputs are named <c>customer</c> and <c>ticket</c>. Much slower than <see cref="RuleSet"/>: use it for
/// verification, not in production. Thread-safe for concurrent evaluations.
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
        _engine = new global::RulesEngine.RulesEngine(ruleSet.Definitions.Select(d => d.ToRulesEngine()).ToArray(), settings);
        _rules = ruleSet.Definitions.ToDictionary(d => d.Name, d => d.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Runs the customer workflows through RulesEngine.</summary>
    /// <param name="customer">The facts.</param>
    /// <returns>The same shape of result as <see cref="RuleSet.EvaluateCustomer"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">RulesEngine reported an exception for a rule.</exception>
    public async Task<CustomerEvaluation> EvaluateCustomerAsync(CustomerFacts customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var fired = new List<FiredRule>();
        var reasons = new List<ScoredReason>();
        var tags = new List<string>();
        string? tier = null;
        foreach (var wf in _set.CustomerWorkflows)
        {
            foreach (var r in await RunAsync(wf.Name, "customer", customer).ConfigureAwait(false))
            {
                if (wf.Kind == WorkflowKind.Tiering && tier is not null)
                {
                    break;
                }

                if (!r.IsSuccess)
                {
                    continue;
                }

                fired.Add(new FiredRule(wf.Name, wf.Kind, r.Rule.RuleName, r.Rule.SuccessEvent));
                switch (wf.Kind)
                {
                    case WorkflowKind.Tiering:
                        tier = r.Rule.SuccessEvent;
                        break;
                    case WorkflowKind.Tagging:
                        tags.Add(r.Rule.SuccessEvent);
                        break;
                    default:
                        reasons.Add(new ScoredReason(r.Rule.SuccessEvent, Points(r), wf.Name, r.Rule.RuleName));
                        break;
                }
            }
        }

        return new CustomerEvaluation
        {
            Tier = tier,
            Tags = _set.Tags.Names.Where(tags.Contains).ToArray(),
            ChurnRiskPoints = reasons.Sum(r => r.Points),
            ChurnRiskReasons = reasons,
            FiredRules = fired,
        };
    }

    /// <summary>Runs the ticket workflows through RulesEngine.</summary>
    /// <param name="ticket">The facts.</param>
    /// <returns>The same shape of result as <see cref="RuleSet.EvaluateTicket"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    /// <exception cref="InvalidOperationException">RulesEngine reported an exception for a rule.</exception>
    public async Task<TicketEvaluation> EvaluateTicketAsync(TicketFacts ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var fired = new List<FiredRule>();
        var reasons = new List<ScoredReason>();
        var steps = new List<EscalationStep>();
        string? target = null, skill = null;
        foreach (var wf in _set.TicketWorkflows)
        {
            foreach (var r in await RunAsync(wf.Name, "ticket", ticket).ConfigureAwait(false))
            {
                if (wf.Kind == WorkflowKind.Routing && target is not null)
                {
                    break;
                }

                if (!r.IsSuccess)
                {
                    continue;
                }

                fired.Add(new FiredRule(wf.Name, wf.Kind, r.Rule.RuleName, r.Rule.SuccessEvent));
                switch (wf.Kind)
                {
                    case WorkflowKind.Priority:
                        reasons.Add(new ScoredReason(r.Rule.SuccessEvent, Points(r), wf.Name, r.Rule.RuleName));
                        break;
                    case WorkflowKind.Routing:
                        target = r.Rule.SuccessEvent;
                        skill = r.Rule.Properties is { } p && p.TryGetValue("Skill", out var s) ? s as string : null;
                        break;
                    case WorkflowKind.Escalation:
                        steps.Add(RuleSet.ToStep(_rules[wf.Name][r.Rule.RuleName]));
                        break;
                }
            }
        }

        return new TicketEvaluation
        {
            PriorityPoints = reasons.Sum(r => r.Points),
            PriorityReasons = reasons,
            RoutingTarget = target,
            RoutingSkill = skill,
            Escalations = steps,
            FiredRules = fired,
        };
    }

    private static decimal Points(RuleResultTree r)
    {
        if (r.ActionResult?.Output is { } output)
        {
            return Convert.ToDecimal(output, System.Globalization.CultureInfo.InvariantCulture);
        }

        return r.Rule.Properties is { } p && p.TryGetValue("Points", out var v) ? (decimal)v : 0m;
    }

    private async Task<List<RuleResultTree>> RunAsync(string workflow, string name, object facts)
    {
        var results = await _engine.ExecuteAllRulesAsync(workflow, new RuleParameter(name, facts)).ConfigureAwait(false);
        var failed = results.FirstOrDefault(r => !string.IsNullOrEmpty(r.ExceptionMessage) || r.ActionResult?.Exception is not null);
        if (failed is not null)
        {
            throw new InvalidOperationException($"RulesEngine failed on {workflow} › {failed.Rule.RuleName}: {failed.ExceptionMessage}{failed.ActionResult?.Exception?.Message}");
        }

        return results;
    }
}
