using System.Linq.Expressions;
using CrmCore.Rules.Loading;

namespace CrmCore.Rules.Compilation;

/// <summary>A rule compiled against one fact type. Immutable; thread-safe.</summary>
internal sealed class CompiledRule<TFacts>
{
    public required RuleDefinition Definition { get; init; }

    public string Name => Definition.Name;

    public string? SuccessEvent => Definition.SuccessEvent;

    /// <summary>The predicate body in terms of <see cref="Parameter"/> (scoped parameters inlined).</summary>
    public required Expression Body { get; init; }

    public required ParameterExpression Parameter { get; init; }

    public required Func<TFacts, bool> Predicate { get; init; }

    /// <summary>Points from an OutputExpression, when the rule has one.</summary>
    public Func<TFacts, decimal>? PointsExpression { get; init; }

    /// <summary>Points from <c>Properties.Points</c>.</summary>
    public decimal FixedPoints { get; init; }

    public decimal Points(TFacts facts) => PointsExpression is null ? FixedPoints : PointsExpression(facts);
}

/// <summary>A workflow compiled against one fact type. Immutable; thread-safe.</summary>
internal sealed class CompiledWorkflow<TFacts>
{
    public required WorkflowDefinition Definition { get; init; }

    public required WorkflowKind Kind { get; init; }

    public string Name => Definition.Name;

    public required IReadOnlyList<CompiledRule<TFacts>> Rules { get; init; }
}
