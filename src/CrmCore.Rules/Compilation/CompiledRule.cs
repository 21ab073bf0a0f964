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

    /// <summary>The compiled predicate; may throw at run time (use <see cref="Holds"/>).</summary>
    public required Func<TFacts, bool> Predicate { get; init; }

    /// <summary>Points from an OutputExpression, when the rule has one.</summary>
    public Func<TFacts, decimal>? PointsExpression { get; init; }

    /// <summary>Points from <c>Properties.Points</c>.</summary>
    public decimal FixedPoints { get; init; }

#pragma warning disable CA1031 // A rule that fails at run time does not hold / gives 0 points (RulesEngine's behaviour); a batch goes on.

    /// <summary>Whether the rule holds; false when its evaluation throws (the exception is given in <paramref name="error"/>).</summary>
    public bool Holds(TFacts facts, out Exception? error)
    {
        error = null;
        try
        {
            return Predicate(facts);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = e;
            return false;
        }
    }

    /// <summary>The rule's points; 0 when an OutputExpression throws (the exception is given in <paramref name="error"/>).</summary>
    public decimal Points(TFacts facts, out Exception? error)
    {
        error = null;
        try
        {
            return PointsExpression is null ? FixedPoints : PointsExpression(facts);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = e;
            return 0m;
        }
    }
#pragma warning restore CA1031
}

/// <summary>A workflow compiled against one fact type. Immutable; thread-safe.</summary>
internal sealed class CompiledWorkflow<TFacts>
{
    public required WorkflowDefinition Definition { get; init; }

    public required WorkflowKind Kind { get; init; }

    public string Name => Definition.Name;

    public required IReadOnlyList<CompiledRule<TFacts>> Rules { get; init; }
}
