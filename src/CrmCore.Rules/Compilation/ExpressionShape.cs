using System.Linq.Expressions;

namespace CrmCore.Rules.Compilation;

/// <summary>
/// The size of an expression tree measured without recursion and without ever walking more than a given number of nodes, so
/// a tree that inlining made exponentially large (parameters that use the previous one twice) is measured in bounded time.
/// </summary>
/// <param name="Nodes">Nodes counted (as a tree: a shared subtree counts every time it is used), at most the budget plus one.</param>
/// <param name="Depth">The deepest level reached among the nodes counted.</param>
/// <param name="LambdaNesting">The deepest nesting of lambdas (collection passes such as <c>Tags.Sum(t =&gt; ...)</c>).</param>
/// <param name="Truncated">True when the walk stopped at the budget (the tree is larger than <paramref name="Nodes"/>).</param>
internal readonly record struct ExpressionShape(int Nodes, int Depth, int LambdaNesting, bool Truncated)
{
    /// <summary>Measures <paramref name="root"/>, walking at most <paramref name="budget"/> nodes.</summary>
    public static ExpressionShape Measure(Expression root, int budget)
    {
        var stack = new Stack<(Expression Node, int Depth, int Lambdas)>();
        stack.Push((root, 1, 0));
        int nodes = 0, depth = 0, lambdas = 0;
        var children = new List<Expression>();
        while (stack.Count > 0)
        {
            var (node, d, l) = stack.Pop();
            if (++nodes > budget)
            {
                return new ExpressionShape(nodes, Math.Max(depth, d), lambdas, true);
            }

            if (node is LambdaExpression)
            {
                l++;
            }

            depth = Math.Max(depth, d);
            lambdas = Math.Max(lambdas, l);
            children.Clear();
            ChildCollector.Collect(node, children);
            foreach (var c in children)
            {
                stack.Push((c, d + 1, l));
            }
        }

        return new ExpressionShape(nodes, depth, lambdas, false);
    }

    /// <summary>Lists a node's direct children without visiting further (no recursion).</summary>
    private static class ChildCollector
    {
        public static void Collect(Expression node, List<Expression> into)
        {
            switch (node)
            {
                case BinaryExpression b:
                    into.Add(b.Left);
                    into.Add(b.Right);
                    AddIf(into, b.Conversion);
                    break;
                case UnaryExpression u:
                    AddIf(into, u.Operand);
                    break;
                case ConditionalExpression c:
                    into.Add(c.Test);
                    into.Add(c.IfTrue);
                    into.Add(c.IfFalse);
                    break;
                case MemberExpression m:
                    AddIf(into, m.Expression);
                    break;
                case MethodCallExpression call:
                    AddIf(into, call.Object);
                    into.AddRange(call.Arguments);
                    break;
                case LambdaExpression lambda:
                    into.Add(lambda.Body);
                    into.AddRange(lambda.Parameters);
                    break;
                case InvocationExpression inv:
                    into.Add(inv.Expression);
                    into.AddRange(inv.Arguments);
                    break;
                case NewExpression n:
                    into.AddRange(n.Arguments);
                    break;
                case NewArrayExpression na:
                    into.AddRange(na.Expressions);
                    break;
                case TypeBinaryExpression tb:
                    into.Add(tb.Expression);
                    break;
                case IndexExpression ix:
                    AddIf(into, ix.Object);
                    into.AddRange(ix.Arguments);
                    break;
                case BlockExpression block:
                    into.AddRange(block.Variables);
                    into.AddRange(block.Expressions);
                    break;
                case TryExpression t:
                    into.Add(t.Body);
                    AddIf(into, t.Finally);
                    AddIf(into, t.Fault);
                    foreach (var h in t.Handlers)
                    {
                        AddIf(into, h.Variable);
                        AddIf(into, h.Filter);
                        into.Add(h.Body);
                    }

                    break;
                case ListInitExpression li:
                    into.Add(li.NewExpression);
                    foreach (var i in li.Initializers)
                    {
                        into.AddRange(i.Arguments);
                    }

                    break;
                case MemberInitExpression mi:
                    into.Add(mi.NewExpression);
                    break;
                default:
                    // Constants, parameters, defaults: leaves.
                    break;
            }
        }

        private static void AddIf(List<Expression> into, Expression? e)
        {
            if (e is not null)
            {
                into.Add(e);
            }
        }
    }
}
