using System.Linq.Expressions;

namespace CrmCore.Rules.Compilation;

/// <summary>
/// Makes integer arithmetic in rule expressions checked: <c>+</c>, <c>-</c>, <c>*</c>, unary minus and narrowing conversions
/// to an integer type throw <see cref="OverflowException"/> (a rule failure, reported per rule and fact) instead of silently
/// wrapping around. Decimal arithmetic already throws on overflow; floating point is left as it is (an infinite points value
/// fails when it is turned into decimal points). Only called on trees whose depth is already bounded.
/// </summary>
internal sealed class CheckedArithmeticRewriter : ExpressionVisitor
{
    public static readonly CheckedArithmeticRewriter Instance = new();

    protected override Expression VisitBinary(BinaryExpression node)
    {
        var visited = (BinaryExpression)base.VisitBinary(node);
        if (!IsInteger(visited.Type) || visited.Method is not null)
        {
            return visited;
        }

        return visited.NodeType switch
        {
            ExpressionType.Add => Expression.AddChecked(visited.Left, visited.Right),
            ExpressionType.Subtract => Expression.SubtractChecked(visited.Left, visited.Right),
            ExpressionType.Multiply => Expression.MultiplyChecked(visited.Left, visited.Right),
            _ => visited,
        };
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        var visited = (UnaryExpression)base.VisitUnary(node);
        if (visited.Method is not null)
        {
            return visited;
        }

        if (visited.NodeType == ExpressionType.Negate && IsInteger(visited.Type))
        {
            return Expression.NegateChecked(visited.Operand);
        }

        if (visited.NodeType == ExpressionType.Convert && IsInteger(visited.Type) && Narrows(visited.Operand.Type, visited.Type))
        {
            return Expression.ConvertChecked(visited.Operand, visited.Type);
        }

        return visited;
    }

    private static bool IsInteger(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(sbyte)
            || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort);
    }

    private static bool Narrows(Type from, Type to)
    {
        from = Nullable.GetUnderlyingType(from) ?? from;
        to = Nullable.GetUnderlyingType(to) ?? to;
        if (from == to || from.IsEnum || to.IsEnum)
        {
            return false;
        }

        if (from == typeof(double) || from == typeof(float) || from == typeof(decimal))
        {
            return true;
        }

        if (!IsInteger(from))
        {
            return false;
        }

        return Size(from) > Size(to) || (Size(from) == Size(to) && Signed(from) != Signed(to)) || (Signed(from) && !Signed(to));
    }

    private static int Size(Type t) => Type.GetTypeCode(t) switch
    {
        TypeCode.Byte or TypeCode.SByte => 1,
        TypeCode.Int16 or TypeCode.UInt16 => 2,
        TypeCode.Int32 or TypeCode.UInt32 => 4,
        _ => 8,
    };

    private static bool Signed(Type t) => Type.GetTypeCode(t) is TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64;
}
