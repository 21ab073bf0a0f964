using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCore.Localization;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Facts;
using CrmCore.Sla;

namespace CrmCore.Rules.Integration;

/// <summary>
/// An <see cref="ISlaCondition"/> written as a rule expression over the <c>ticket</c> facts, for example
/// <c>ticket.Urgency == "Major" || ticket.CustomerTags.Contains("vip")</c>.
/// </summary>
/// <remarks>
/// The expression is compiled once, by <see cref="RuleLoader"/> with its strict sandbox, as the only rule of a one-rule
/// <see cref="WorkflowKind.Priority"/> workflow; the condition holds when that rule holds. The ticket is mapped to
/// <see cref="TicketFacts"/> from its urgency, type, channel, tier (<c>CustomerTier</c>), tags (<c>CustomerTags</c>) and
/// <see cref="SlaTicket.RaisedAt"/>; "now" is the ticket's <see cref="SlaTicket.RaisedAt"/>, so the choice of policy never
/// changes as time passes (<c>AgeMinutes</c> is 0). Facts the <see cref="SlaTicket"/> does not carry keep their defaults.
/// Time-dependent facts (<c>AgeMinutes</c>, <c>MinutesToSlaDue</c>, ...) are rejected at load, as in any Priority rule.
/// A rule that throws at evaluation does not hold. Instances are immutable and thread-safe.
/// </remarks>
public sealed class RuleSlaCondition : ISlaCondition
{
    private const string WorkflowName = "Priority.SlaCondition";
    private const string RuleName = "Condition";

    private readonly RuleSet _ruleSet;

    private RuleSlaCondition(string name, string expression, RuleSet ruleSet)
    {
        Name = name;
        Expression = expression;
        _ruleSet = ruleSet;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The rule expression, as given.</summary>
    public string Expression { get; }

    /// <summary>Compiles a condition, reporting every load problem instead of throwing.</summary>
    /// <param name="name">The condition's name (shown in policy choices and diagnostics); not blank.</param>
    /// <param name="expression">A boolean rule expression over <c>ticket</c>; not blank.</param>
    /// <param name="condition">The compiled condition, or <see langword="null"/> when there are errors.</param>
    /// <param name="diagnostics">Every error and warning from the loader; errors carry the <see cref="RuleDiagnostic.ExpressionPosition"/>
    /// of the problem inside <paramref name="expression"/> when the loader knows it.</param>
    /// <param name="options">Loader options; default <see cref="RuleLoadOptions.Default"/> (strict sandbox).</param>
    /// <returns><see langword="true"/> when the expression compiled.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="expression"/> is null or blank.</exception>
    public static bool TryCreate(
        string name,
        string expression,
        out RuleSlaCondition? condition,
        out IReadOnlyList<RuleDiagnostic> diagnostics,
        RuleLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var rule = new JsonObject
        {
            ["RuleName"] = RuleName,
            ["SuccessEvent"] = name,
            ["Properties"] = new JsonObject { ["Points"] = 1 },
            ["Expression"] = expression,
        };
        var workflow = new JsonObject { ["WorkflowName"] = WorkflowName, ["Rules"] = new JsonArray(rule) };
        var json = new JsonArray(workflow).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var result = RuleLoader.Load($"sla-condition:{name}", json, options);
        diagnostics = result.Diagnostics;
        condition = result.RuleSet is { } ruleSet ? new RuleSlaCondition(name, expression, ruleSet) : null;
        return condition is not null;
    }

    /// <summary>Compiles a condition, throwing when the expression does not load.</summary>
    /// <param name="name">The condition's name; not blank.</param>
    /// <param name="expression">A boolean rule expression over <c>ticket</c>; not blank.</param>
    /// <param name="options">Loader options; default <see cref="RuleLoadOptions.Default"/> (strict sandbox).</param>
    /// <returns>The compiled condition.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="expression"/> is null or blank.</exception>
    /// <exception cref="CrmException">The expression does not compile or is rejected by the sandbox; the message lists every error.</exception>
    public static RuleSlaCondition Create(string name, string expression, RuleLoadOptions? options = null)
    {
        if (TryCreate(name, expression, out var condition, out var diagnostics, options))
        {
            return condition!;
        }

        var errors = diagnostics.Where(d => d.IsError).ToList();
        throw CrmException.Worded("CRM-SLA-CONDITION", "Error_SlaConditionNotLoaded", culture => [name, string.Concat(errors.Select(d => Environment.NewLine + (d.ExpressionPosition is { } at
            ? Strings.Format("Error_SlaConditionProblemAt", culture, d.Code, at, d.MessageIn(culture))
            : Strings.Format("Error_SlaConditionProblem", culture, d.Code, d.MessageIn(culture)))))]);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public bool Matches(SlaTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var facts = Desk.TicketFactsProjection.ToFacts(ticket);
        return _ruleSet.EvaluateTicket(facts).FiredRules.Count > 0;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Expression}";
}
