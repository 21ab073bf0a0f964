namespace CrmCore.Rules;

/// <summary>Options for <see cref="RuleLoader"/>. Immutable; the defaults suit CrmCore rule files.</summary>
public sealed record RuleLoadOptions
{
    /// <summary>The default options.</summary>
    public static RuleLoadOptions Default { get; } = new();

    /// <summary>Longest accepted expression text, in characters. Default 1000; range 1–20000.</summary>
    public int MaxExpressionLength { get; init; } = 1000;

    /// <summary>Largest accepted expression tree, in nodes. Default 300; range 1–100000.</summary>
    public int MaxExpressionNodes { get; init; } = 300;

    /// <summary>
    /// Deepest accepted expression tree, in levels, counted after parameters are inlined (and, for a rule with nested
    /// <c>Rules</c>, over the combined body); the text's own nesting of brackets and unary operators is held to it before
    /// parsing. Bounds every recursive walk (compile, evaluate, explain). Default 64; range 4–256.
    /// </summary>
    public int MaxExpressionDepth { get; init; } = 64;

    /// <summary>
    /// Deepest accepted nesting of lambdas (collection passes such as <c>Tags.Sum(t =&gt; Tags.Count(u =&gt; ...))</c>), which
    /// multiply their cost. Default 2; range 1–4.
    /// </summary>
    public int MaxLambdaNesting { get; init; } = 2;

    /// <summary>
    /// Most parameters in scope for one expression: a workflow's <c>GlobalParams</c> plus a rule's <c>LocalParams</c> (and those
    /// of the rules it is nested in). Default 64; range 0–1000.
    /// </summary>
    public int MaxParameters { get; init; } = 64;

    /// <summary>
    /// Largest accepted nodes of one rule's combined body (its expression, or all its nested rules joined by their operators),
    /// counted after inlining. Default 3000; range 1–1000000.
    /// </summary>
    public int MaxRuleNodes { get; init; } = 3000;

    /// <summary>
    /// Largest accepted rule file, in bytes; a larger file is rejected with CRM042 before it is read as JSON. Default 32 KiB
    /// (32768): about 35 rules of the longest accepted expression, more than twice the whole default rule pack; split larger
    /// rule sets into several files. Range 1–16777216. Parsing and compiling cost grows with the expression text (about 50 ms
    /// per 900-character rule full of lambdas on a busy 2-core machine), so the default keeps the worst accepted file near two
    /// seconds; see docs/rules.md.
    /// </summary>
    public int MaxFileBytes { get; init; } = 32 * 1024;

    /// <summary>
    /// The encoding rule files are saved in, or null (the default) for strict UTF-8 with a BOM allowed. Any other encoding
    /// (for example <c>CrmCore.Decoding.StrictTextDecoder.GetEncoding("gb18030")</c>) is decoded strictly too. Files that are not
    /// valid in the expected encoding get CRM041 with the position and the encoding they seem to be in.
    /// </summary>
    public System.Text.Encoding? Encoding { get; init; }

    /// <summary>
    /// When not empty, workflows are not read as CrmCore kinds but compiled against these named inputs (for files written for
    /// other input types, such as RulesEngine's own test files). Their public properties may be read; no method may be called.
    /// Every workflow gets <see cref="WorkflowKind.Custom"/> and the rule set cannot evaluate them. Default empty.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Type>> CustomInputs { get; init; } = [];

    /// <summary>
    /// The names of the escalation ladders that exist (those of the <c>CrmCore.Escalation.EscalationPolicy</c> in force), or null
    /// (the default) to not check them. When set, an Escalation rule whose <c>Properties.Ladder</c> names none of them is an error
    /// (CRM062, with the closest name). <c>AddCrmRules()</c> sets it from the registered escalation engine when it is null. Names
    /// compare ordinally.
    /// </summary>
    public IReadOnlyCollection<string>? EscalationLadders { get; init; }

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its documented range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxExpressionLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxExpressionLength, 20_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxExpressionNodes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxExpressionNodes, 100_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxExpressionDepth, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxExpressionDepth, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLambdaNesting, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxLambdaNesting, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParameters, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxParameters, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRuleNodes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRuleNodes, 1_000_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFileBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxFileBytes, 16 * 1024 * 1024);
    }
}
