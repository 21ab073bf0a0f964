namespace CrmCore.Rules;

/// <summary>Options for <see cref="RuleLoader"/>. Immutable; the defaults suit CrmCore rule files.</summary>
public sealed record RuleLoadOptions
{
    /// <summary>The default options.</summary>
    public static RuleLoadOptions Default { get; } = new();

    /// <summary>Longest accepted expression text, in characters. Default 1000; range 1–100000.</summary>
    public int MaxExpressionLength { get; init; } = 1000;

    /// <summary>Largest accepted expression tree, in nodes. Default 300; range 1–100000.</summary>
    public int MaxExpressionNodes { get; init; } = 300;

    /// <summary>
    /// When not empty, workflows are not read as CrmCore kinds but compiled against these named inputs (for files written for
    /// other input types, such as RulesEngine's own test files). Their public properties may be read; no method may be called.
    /// Every workflow gets <see cref="WorkflowKind.Custom"/> and the rule set cannot evaluate them. Default empty.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Type>> CustomInputs { get; init; } = [];

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its documented range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxExpressionLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxExpressionLength, 100_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxExpressionNodes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxExpressionNodes, 100_000);
    }
}
