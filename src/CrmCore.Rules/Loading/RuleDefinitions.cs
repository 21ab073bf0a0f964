using RulesEngine.Models;

namespace CrmCore.Rules.Loading;

/// <summary>Where a node came from: file, JSON path, line and column.</summary>
internal sealed record SourceRef(string File, string Path, int Line, int Column);

/// <summary>A named expression (global or local parameter) as read from the file.</summary>
internal sealed record ParamDefinition(string Name, string Expression, SourceRef Where);

/// <summary>An <c>OutputExpression</c> action as read from the file.</summary>
internal sealed record ActionDefinition(string Name, string? Expression, SourceRef Where, IReadOnlyDictionary<string, object?> Context);

/// <summary>A rule as read from the file, validated for keys and value types.</summary>
internal sealed class RuleDefinition
{
    public required string Name { get; init; }

    public required SourceRef Where { get; init; }

    public string? Expression { get; init; }

    public SourceRef? ExpressionWhere { get; init; }

    public string? Operator { get; init; }

    public IReadOnlyList<RuleDefinition> Children { get; init; } = [];

    public IReadOnlyList<ParamDefinition> LocalParams { get; init; } = [];

    public string? SuccessEvent { get; init; }

    /// <summary>Whether <c>SuccessEvent</c> was given but not as a string (already reported as CRM002, so not again as missing).</summary>
    public bool SuccessEventMistyped { get; init; }

    public string? ErrorMessage { get; init; }

    public bool Enabled { get; init; } = true;

    public IReadOnlyDictionary<string, object?> Properties { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, SourceRef> PropertyWhere { get; init; } = new Dictionary<string, SourceRef>();

    public ActionDefinition? OnSuccess { get; init; }

    public ActionDefinition? OnFailure { get; init; }

    /// <summary>Builds the RulesEngine model of this rule (the reference path).</summary>
    public Rule ToRulesEngine() => new()
    {
        RuleName = Name,
        Expression = Expression,
        Operator = Operator,
        Rules = Children.Count == 0 ? null : Children.Select(c => c.ToRulesEngine()).ToList(),
        LocalParams = LocalParams.Select(p => new ScopedParam { Name = p.Name, Expression = p.Expression }).ToList(),
        SuccessEvent = SuccessEvent,
        ErrorMessage = ErrorMessage,
        Enabled = Enabled,
        RuleExpressionType = RuleExpressionType.LambdaExpression,
        Properties = new Dictionary<string, object>(
            Properties.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, object>(p.Key, p.Value!)),
            StringComparer.Ordinal),
        Actions = OnSuccess is null && OnFailure is null
            ? null
            : new RuleActions { OnSuccess = ToAction(OnSuccess), OnFailure = ToAction(OnFailure) },
    };

    private static ActionInfo? ToAction(ActionDefinition? a) => a is null
        ? null
        : new ActionInfo
        {
            Name = a.Name,
            Context = new Dictionary<string, object>(
                a.Context.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, object>(p.Key, p.Value!)),
                StringComparer.Ordinal),
        };
}

/// <summary>A workflow as read from the file.</summary>
internal sealed class WorkflowDefinition
{
    public required string Name { get; init; }

    public required SourceRef Where { get; init; }

    public IReadOnlyList<ParamDefinition> GlobalParams { get; init; } = [];

    public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];

    /// <summary>
    /// Builds the RulesEngine model of this workflow (the reference path). RulesEngine has no values shared across workflows, so the
    /// Shared workflows' values (<paramref name="shared"/>) come first in every workflow's <c>GlobalParams</c>.
    /// </summary>
    public Workflow ToRulesEngine(IEnumerable<ParamDefinition>? shared = null) => new()
    {
        WorkflowName = Name,
        GlobalParams = (shared ?? []).Concat(GlobalParams).Select(p => new ScopedParam { Name = p.Name, Expression = p.Expression }).ToList(),
        Rules = Rules.Select(r => r.ToRulesEngine()).ToList(),
        RuleExpressionType = RuleExpressionType.LambdaExpression,
    };
}
