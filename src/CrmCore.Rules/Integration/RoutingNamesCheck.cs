using CrmCore.Normalization;
using CrmCore.Agents;
using CrmCore.Rules.Compilation;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Loading;

namespace CrmCore.Rules.Integration;

/// <summary>
/// Checks the names a rule set's Routing rules produce against what a host has registered: a result (<c>SuccessEvent</c>) that
/// names no registered team is <see cref="RuleDiagnosticCodes.UnknownRoutingTeam"/> (CRM060), a <c>Skill</c> that no registered agent
/// holds is <see cref="RuleDiagnosticCodes.UnheldRoutingSkill"/> (CRM061). Both are warnings positioned at the rule's file, line and
/// column. Team ids compare ordinally (as the router does); skills compare case-insensitively (as the service desk does).
/// </summary>
public static class RoutingNamesCheck
{
    /// <summary>Checks the Routing rules of <paramref name="ruleSet"/> against registered teams and agents.</summary>
    /// <param name="ruleSet">The loaded rule set.</param>
    /// <param name="teams">The registered teams; the teams the agents serve count as registered too.</param>
    /// <param name="agents">The registered agents; their skills are the skills on offer.</param>
    /// <returns>One warning per rule and problem, in file order; empty when every name is known.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<RuleDiagnostic> Check(RuleSet ruleSet, IEnumerable<TeamId> teams, IEnumerable<Agent> agents)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(agents);
        var agentList = agents.ToList();
        var teamNames = new HashSet<string>(teams.Select(t => t.Value), StringComparer.Ordinal);
        teamNames.UnionWith(agentList.SelectMany(a => a.Teams).Select(t => t.Value));
        var skills = new HashSet<string>(agentList.SelectMany(a => a.Skills.Items).Select(s => s.Skill.Code), StringComparer.OrdinalIgnoreCase);

        var found = new List<RuleDiagnostic>();
        foreach (var workflow in ruleSet.Definitions)
        {
            if (!RuleSetCompiler.TryResolveKind(workflow.Name, out var kind) || kind != WorkflowKind.Routing)
            {
                continue;
            }

            foreach (var rule in Flatten(workflow.Rules).Where(r => r.Enabled))
            {
                if (!string.IsNullOrWhiteSpace(rule.SuccessEvent) && !teamNames.Contains(rule.SuccessEvent))
                {
                    found.Add(Diagnostic(
                        RuleDiagnosticCodes.UnknownRoutingTeam,
                        $"Routing result '{rule.SuccessEvent}' names no registered team.{Registered(teamNames)}",
                        $"路由结果“{rule.SuccessEvent}”不是已注册的团队。{RegisteredZh(teamNames)}",
                        workflow.Name,
                        rule.Name,
                        rule.Where,
                        Closest(rule.SuccessEvent, teamNames)));
                }

                if (rule.Properties.TryGetValue("Skill", out var value) && value is string skill && !string.IsNullOrWhiteSpace(skill) && !skills.Contains(skill))
                {
                    var where = rule.PropertyWhere.TryGetValue("Skill", out var w) ? w : rule.Where;
                    found.Add(Diagnostic(
                        RuleDiagnosticCodes.UnheldRoutingSkill,
                        $"Skill '{skill}' is held by no registered agent, so tickets routed here wait for nobody.",
                        $"没有任何已注册坐席具备技能“{skill}”，按此路由的工单将无人处理。",
                        workflow.Name,
                        rule.Name,
                        where,
                        Closest(skill, skills)));
                }
            }
        }

        return found;
    }

    private static IEnumerable<RuleDefinition> Flatten(IEnumerable<RuleDefinition> rules) =>
        rules.SelectMany(r => new[] { r }.Concat(Flatten(r.Children)));

    private static RuleDiagnostic Diagnostic(string code, string en, string zh, string workflow, string rule, SourceRef where, string? closest) => new()
    {
        Code = code,
        Severity = RuleSeverity.Warning,
        Message = closest is null ? en : $"{en} Did you mean '{closest}'?",
        MessageZhHans = closest is null ? zh : $"{zh}是否应为“{closest}”？",
        File = where.File,
        JsonPath = where.Path,
        Line = where.Line,
        Column = where.Column,
        WorkflowName = workflow,
        RuleName = rule,
        Suggestion = closest,
    };

    private static string Registered(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? " No team is registered." : string.Empty;

    private static string RegisteredZh(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? "当前没有注册任何团队。" : string.Empty;

    private static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var k in known.Order(StringComparer.Ordinal))
        {
            var d = EditDistance.Levenshtein(name.ToUpperInvariant(), k.ToUpperInvariant());
            if (d < bestDistance)
            {
                best = k;
                bestDistance = d;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

}
