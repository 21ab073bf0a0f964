using System.Globalization;
using System.Linq.Expressions;
using CrmCore.Rules.Compilation;

namespace CrmCore.Rules.Explain;

/// <summary>Builds explanations by splitting rule bodies at <c>&amp;&amp;</c> / <c>||</c> and evaluating each clause and fact.</summary>
internal static class Explainer
{
    /// <summary>
    /// Explains every rule. A rule fails as in the evaluation: its condition throws, its points throw, or its points would
    /// overflow the total; it is then shown as failed and not held, with <paramref name="report"/>'s failure.
    /// </summary>
    public static RuleExplanation Explain<TFacts>(IEnumerable<CompiledWorkflow<TFacts>> workflows, TFacts facts, Func<string, Loading.RuleDefinition, RuleFailureStage, Exception, RuleFailure> report)
    {
        var traces = new List<RuleTrace>();
        var total = 0m;
        foreach (var wf in workflows)
        {
            var decided = false;
            var firstMatch = wf.Kind is WorkflowKind.Tiering or WorkflowKind.Routing;
            foreach (var rule in wf.Rules)
            {
                if (decided)
                {
                    traces.Add(new RuleTrace(wf.Name, wf.Kind, rule.Name, rule.SuccessEvent, false, false, []) { ReasonZhHans = ReasonZhHans(rule.Definition) });
                    continue;
                }

                var held = rule.Holds(facts, out var error);
                var failure = error is null ? null : report(wf.Name, rule.Definition, RuleFailureStage.Condition, error);
                if (held && EvaluationBuilder.NeedsPoints(wf.Kind))
                {
                    var points = rule.Points(facts, out error);
                    if (error is not null)
                    {
                        failure = report(wf.Name, rule.Definition, RuleFailureStage.Points, error);
                        held = false;
                    }
                    else if (!TryAdd(ref total, points, out var overflow))
                    {
                        failure = report(wf.Name, rule.Definition, RuleFailureStage.PointsTotal, overflow);
                        held = false;
                    }
                }

                var clauses = new List<ClauseExplanation>();
                foreach (var leaf in Leaves(rule.Body))
                {
                    clauses.Add(new ClauseExplanation(Render(leaf, rule.Parameter, facts, zh: false), Evaluate(leaf, rule.Parameter, facts) is true, FactsRead(leaf, rule.Parameter, facts))
                    {
                        TextZhHans = Render(leaf, rule.Parameter, facts, zh: true),
                    });
                }

                traces.Add(new RuleTrace(wf.Name, wf.Kind, rule.Name, rule.SuccessEvent, true, held, clauses) { Failure = failure, ReasonZhHans = ReasonZhHans(rule.Definition) });
                decided = firstMatch && held;
            }
        }

        return new RuleExplanation(traces);
    }

    private static bool TryAdd(ref decimal total, decimal points, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out OverflowException? overflow)
    {
        try
        {
            total = checked(total + points);
            overflow = null;
            return true;
        }
        catch (OverflowException e)
        {
            overflow = e;
            return false;
        }
    }

    private static string? ReasonZhHans(Loading.RuleDefinition rule) => rule.Properties.TryGetValue("ReasonZhHans", out var zh) ? zh as string : null;

    private static IEnumerable<Expression> Leaves(Expression e)
    {
        if (e is BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } b)
        {
            return Leaves(b.Left).Concat(Leaves(b.Right));
        }

        return [e];
    }

    /// <summary>
    /// Clause and fact readers, cached per expression node (nodes belong to an immutable rule set). Interpreted rather than
    /// compiled to IL: an explanation runs each once, and compiling hundreds of clauses of a large file took seconds.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Expression, Delegate> Compiled = new();

    private static object? Evaluate(Expression e, ParameterExpression p, object? facts)
        => Compiled.GetValue(e, node => Expression.Lambda(RuleSetCompiler.Guard(Expression.Convert(node, typeof(object))), p).Compile(preferInterpretation: true)).DynamicInvoke(facts);

    private static List<FactValue> FactsRead(Expression e, ParameterExpression p, object? facts)
    {
        var finder = new FactFinder(p);
        finder.Visit(e);
        var read = finder.Found.Select(m => new FactValue(p.Name + "." + m.Member.Name, Format(Evaluate(m, p, facts)))).ToList();
        foreach (var call in finder.ComputedTiers)
        {
            var (value, source) = Computed(call, p, facts);
            read.Add(new FactValue(p.Name + "." + nameof(Facts.CustomerFacts.Tier), value) { Source = source ?? FactValue.Recorded });
        }

        return read;
    }

    /// <summary>The computed tier and the "Workflow › Rule" that gave it (null when the recorded tier stands).</summary>
    private static (string? Value, string? Source) Computed(MethodCallExpression call, ParameterExpression p, object? facts)
    {
        var index = Evaluate(call.Arguments[0], p, facts) as int? ?? -1;
        var sources = (string[])((ConstantExpression)call.Arguments[2]).Value!;
        return (Format(Evaluate(call, p, facts)), index >= 0 && index < sources.Length ? sources[index] : null);
    }

    /// <summary>
    /// The clause as text with each fact's value after its name ("no value" / "无值" for a missing one), parentheses where the
    /// expression had them, and the value of a computed operand of a comparison, so <c>2 * (a + b) &gt;= 2</c> reads
    /// <c>(2 * (a 3 + b 4) = 14) &gt;= 2</c>.
    /// </summary>
    private static string Render(Expression e, ParameterExpression p, object? facts, bool zh, bool operandOfComparison = false)
    {
        switch (e)
        {
            case BinaryExpression b when Op(b.NodeType) is { } op:
                var comparison = IsComparison(b.NodeType);
                var text = $"{Child(b.Left, b, p, facts, zh)} {op} {Child(b.Right, b, p, facts, zh)}";
                if (operandOfComparison && !comparison)
                {
                    var value = Evaluate(b, p, facts);
                    return $"({text} = {Format(value) ?? NoValue(zh)})";
                }

                return text;
            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u:
                return Render(u.Operand, p, facts, zh, operandOfComparison);
            case UnaryExpression { NodeType: ExpressionType.Not } u:
                return "!(" + Render(u.Operand, p, facts, zh) + ")";
            case MemberExpression m when m.Expression == p:
                return $"{m.Member.Name} {Shown(Evaluate(m, p, facts), zh) ?? NoValue(zh)}";
            case MethodCallExpression call when call.Method == ComputedTier.OfMethod:
                var (tier, source) = Computed(call, p, facts);
                var from = source is null
                    ? (zh ? "（记录值，本次分层无规则成立）" : " (recorded; no tiering rule held)")
                    : (zh ? $"（由 {source} 计算）" : $" (computed by {source})");
                return $"{nameof(Facts.CustomerFacts.Tier)} {Quote(tier) ?? NoValue(zh)}{from}";
            case ConstantExpression c:
                return Quote(c.Value) ?? "null";
            default:
                var raw = e.ToString();
                var finder = new FactFinder(p);
                finder.Visit(e);
                var values = string.Join(", ", finder.Found.Select(m => $"{m.Member.Name}={Quote(Evaluate(m, p, facts)) ?? NoValue(zh)}"));
                return values.Length == 0 ? raw : $"{raw} [{values}]";
        }
    }

    /// <summary>An operand of a binary node: parenthesised when it is itself an operator node of lower or equal precedence.</summary>
    private static string Child(Expression child, BinaryExpression parent, ParameterExpression p, object? facts, bool zh)
    {
        var inner = child;
        while (inner is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u)
        {
            inner = u.Operand;
        }

        if (IsComparison(parent.NodeType))
        {
            return Render(child, p, facts, zh, operandOfComparison: true);
        }

        var rendered = Render(child, p, facts, zh);
        return inner is BinaryExpression b && Op(b.NodeType) is not null && Precedence(b.NodeType) <= Precedence(parent.NodeType) && !IsComparison(b.NodeType)
            && !(b.NodeType == parent.NodeType && child == parent.Left && b.NodeType is ExpressionType.Add or ExpressionType.AddChecked or ExpressionType.Multiply or ExpressionType.MultiplyChecked)
            ? "(" + rendered + ")"
            : rendered;
    }

    private static bool IsComparison(ExpressionType t) => t is ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.GreaterThan
        or ExpressionType.GreaterThanOrEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual;

    private static int Precedence(ExpressionType t) => t is ExpressionType.Multiply or ExpressionType.MultiplyChecked or ExpressionType.Divide or ExpressionType.Modulo ? 2 : IsComparison(t) ? 0 : 1;

    private static string NoValue(bool zh) => zh ? "（无值）" : "(no value)";

    private static string? Quote(object? v) => v is string s ? "\"" + s + "\"" : Format(v);

    /// <summary>A fact's value as shown after its name: a yes/no fact in the language's words (是 / 否 in Chinese).</summary>
    private static string? Shown(object? v, bool zh)
        => v is bool b && zh ? ExplainLabels.Get(b ? "yes" : "no", Localization.TextCultures.SimplifiedChinese) : Quote(v);

    private static string? Op(ExpressionType t) => t switch
    {
        ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.Add or ExpressionType.AddChecked => "+",
        ExpressionType.Subtract or ExpressionType.SubtractChecked => "-",
        ExpressionType.Multiply or ExpressionType.MultiplyChecked => "*",
        ExpressionType.Divide => "/",
        ExpressionType.Modulo => "%",
        _ => null,
    };

    private static string? Format(object? v) => v switch
    {
        null => null,
        System.Collections.IEnumerable seq and not string => "[" + string.Join(", ", seq.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };

    private sealed class FactFinder(ParameterExpression p) : ExpressionVisitor
    {
        public List<MemberExpression> Found { get; } = [];

        public List<MethodCallExpression> ComputedTiers { get; } = [];

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method == ComputedTier.OfMethod)
            {
                // The tier computed in this run: one fact, not the tiering rules' own reads.
                ComputedTiers.Add(node);
                return node;
            }

            return base.VisitMethodCall(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == p)
            {
                if (!Found.Exists(f => f.Member == node.Member))
                {
                    Found.Add(node);
                }

                return node;
            }

            return base.VisitMember(node);
        }
    }
}
