using System.Globalization;
using System.Linq.Expressions;
using CrmCore.Rules.Compilation;

namespace CrmCore.Rules.Explain;

/// <summary>Builds explanations by splitting rule bodies at <c>&amp;&amp;</c> / <c>||</c> and evaluating each clause and fact.</summary>
internal static class Explainer
{
    public static RuleExplanation Explain<TFacts>(IEnumerable<CompiledWorkflow<TFacts>> workflows, TFacts facts, Func<string, string, Exception, RuleFailure> report)
    {
        var traces = new List<RuleTrace>();
        foreach (var wf in workflows)
        {
            var decided = false;
            var firstMatch = wf.Kind is WorkflowKind.Tiering or WorkflowKind.Routing;
            foreach (var rule in wf.Rules)
            {
                if (decided)
                {
                    traces.Add(new RuleTrace(wf.Name, wf.Kind, rule.Name, rule.SuccessEvent, false, false, []));
                    continue;
                }

                var held = rule.Holds(facts, out var error);
                var failure = error is null ? null : report(wf.Name, rule.Name, error);
                var clauses = new List<ClauseExplanation>();
                foreach (var leaf in Leaves(rule.Body))
                {
                    clauses.Add(new ClauseExplanation(Render(leaf, rule.Parameter, facts), Evaluate(leaf, rule.Parameter, facts) is true, FactsRead(leaf, rule.Parameter, facts)));
                }

                traces.Add(new RuleTrace(wf.Name, wf.Kind, rule.Name, rule.SuccessEvent, true, held, clauses) { Failure = failure });
                decided = firstMatch && held;
            }
        }

        return new RuleExplanation(traces);
    }

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
        return finder.Found.Select(m => new FactValue(p.Name + "." + m.Member.Name, Format(Evaluate(m, p, facts)))).ToList();
    }

    private static string Render(Expression e, ParameterExpression p, object? facts)
    {
        switch (e)
        {
            case BinaryExpression b when Op(b.NodeType) is { } op:
                return $"{Render(b.Left, p, facts)} {op} {Render(b.Right, p, facts)}";
            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u:
                return Render(u.Operand, p, facts);
            case UnaryExpression { NodeType: ExpressionType.Not } u:
                return "!(" + Render(u.Operand, p, facts) + ")";
            case MemberExpression m when m.Expression == p:
                return $"{m.Member.Name} {Format(Evaluate(m, p, facts)) ?? "null"}";
            case ConstantExpression c:
                return c.Value is string s ? "\"" + s + "\"" : Format(c.Value) ?? "null";
            default:
                var text = e.ToString();
                var finder = new FactFinder(p);
                finder.Visit(e);
                var values = string.Join(", ", finder.Found.Select(m => $"{m.Member.Name}={Format(Evaluate(m, p, facts)) ?? "null"}"));
                return values.Length == 0 ? text : $"{text} [{values}]";
        }
    }

    private static string? Op(ExpressionType t) => t switch
    {
        ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.Add => "+",
        ExpressionType.Subtract => "-",
        ExpressionType.Multiply => "*",
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
