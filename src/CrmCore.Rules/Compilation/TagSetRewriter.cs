using System.Linq.Expressions;
using System.Reflection;
using CrmCore.Rules.Facts;

namespace CrmCore.Rules.Compilation;

/// <summary>
/// Rewrites <c>Enumerable.Contains(tagSet, x)</c> and <c>Enumerable.Count(tagSet)</c> into the non-allocating
/// <see cref="TagSet.Contains"/> and <see cref="TagSet.Count"/>; the meaning is unchanged.
/// </summary>
internal sealed class TagSetRewriter : ExpressionVisitor
{
    public static readonly TagSetRewriter Instance = new();
    private static readonly MethodInfo ContainsMethod = typeof(TagSet).GetMethod(nameof(TagSet.Contains))!;
    private static readonly PropertyInfo CountProperty = typeof(TagSet).GetProperty(nameof(TagSet.Count))!;

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType == typeof(Enumerable) && node.Arguments.Count > 0 && node.Arguments[0].Type == typeof(TagSet))
        {
            var source = Visit(node.Arguments[0]);
            if (node.Method.Name == "Contains" && node.Arguments.Count == 2)
            {
                return Expression.Call(source, ContainsMethod, Visit(node.Arguments[1]));
            }

            if (node.Method.Name == "Count" && node.Arguments.Count == 1)
            {
                return Expression.Property(source, CountProperty);
            }
        }

        return base.VisitMethodCall(node);
    }
}
