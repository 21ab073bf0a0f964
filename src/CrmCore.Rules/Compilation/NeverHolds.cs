using System.Globalization;
using System.Linq.Expressions;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Compilation;

/// <summary>
/// Finds rule bodies that no facts can make hold: the literal <c>false</c>, a conjunction whose bounds on one fact leave no value
/// (<c>customer.AnnualRevenue &gt; 100 &amp;&amp; customer.AnnualRevenue &lt; 50</c>, two different <c>==</c> texts), or a
/// comparison outside a fact's documented range (the facts computed to be at least 0: <c>DaysSinceLastInteraction</c>,
/// <c>MonthsSinceFirstCooperation</c>, <c>DaysSinceTierDowngrade</c>, <c>AgeMinutes</c>, a text's <c>Length</c>, a tag set's
/// <c>Count</c>). Input facts such as <c>Employees</c> have no declared range and are not judged. Sound, not complete: a body it
/// passes may still never hold. Thread-safe (stateless).
/// </summary>
internal static class NeverHolds
{
    /// <summary>Facts documented as never below 0 (computed so), by member name on their declaring fact type.</summary>
    private static readonly HashSet<string> AtLeastZero = new(StringComparer.Ordinal)
    {
        "CustomerFacts.DaysSinceLastInteraction", "CustomerFacts.MonthsSinceFirstCooperation", "CustomerFacts.DaysSinceTierDowngrade",
        "TicketFacts.AgeMinutes", "String.Length", "TagSet.Count",
    };

    /// <summary>Why <paramref name="body"/> can never hold, in both languages; null when it may hold.</summary>
    public static DiagnosticText? Why(Expression body)
    {
        body = Strip(body);
        if (body is ConstantExpression { Value: false })
        {
            return DiagnosticStrings.Text("NeverHolds_False");
        }

        var leaves = new List<Expression>();
        Flatten(body, leaves);
        var bounds = new Dictionary<string, Bounds>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            if (Strip(leaf) is ConstantExpression { Value: false })
            {
                return DiagnosticStrings.Text("NeverHolds_FalseClause");
            }

            if (!TryComparison(leaf, out var field, out var type, out var op, out var value))
            {
                continue;
            }

            if (value is string s)
            {
                if (op == ExpressionType.Equal && texts.TryGetValue(field.Name, out var other) && !string.Equals(other, s, StringComparison.Ordinal))
                {
                    return DiagnosticStrings.Text("NeverHolds_TwoTexts", field.Name, other, s);
                }

                texts.TryAdd(field.Name, s);
                continue;
            }

            if (value is not decimal d)
            {
                continue;
            }

            if (!bounds.TryGetValue(field.Name, out var b))
            {
                b = field.AtLeastZero ? new Bounds(0m, null) : new Bounds(null, null);
            }

            var integral = IsIntegral(type);
            b = op switch
            {
                ExpressionType.GreaterThan => b.Above(integral ? Math.Floor(d) + 1 : d, strict: !integral),
                ExpressionType.GreaterThanOrEqual => b.Above(integral ? Math.Ceiling(d) : d, strict: false),
                ExpressionType.LessThan => b.Below(integral ? Math.Ceiling(d) - 1 : d, strict: !integral),
                ExpressionType.LessThanOrEqual => b.Below(integral ? Math.Floor(d) : d, strict: false),
                ExpressionType.Equal => integral && d != Math.Floor(d) ? Bounds.None : b.Above(d, false).Below(d, false),
                _ => b,
            };
            bounds[field.Name] = b;
            if (b.IsEmpty)
            {
                return field.AtLeastZero && !leaves.Any(l => l != leaf && TryComparison(l, out var f2, out _, out _, out _) && f2.Name == field.Name)
                    ? DiagnosticStrings.Text("NeverHolds_OutOfRange", field.Name, Written(op, d))
                    : DiagnosticStrings.Text("NeverHolds_Contradiction", field.Name);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="body"/> holds for every input: the literal <c>true</c> (a catch-all).</summary>
    public static bool IsCatchAll(Expression body) => Strip(body) is ConstantExpression { Value: true };

    private static string Written(ExpressionType op, decimal value) => op switch
    {
        ExpressionType.GreaterThan => "> ",
        ExpressionType.GreaterThanOrEqual => ">= ",
        ExpressionType.LessThan => "< ",
        ExpressionType.LessThanOrEqual => "<= ",
        _ => "== ",
    } + value.ToString(CultureInfo.InvariantCulture);

    private static void Flatten(Expression e, List<Expression> leaves)
    {
        e = Strip(e);
        if (e.NodeType is ExpressionType.AndAlso or ExpressionType.And && e is BinaryExpression b && b.Type == typeof(bool))
        {
            Flatten(b.Left, leaves);
            Flatten(b.Right, leaves);
        }
        else
        {
            leaves.Add(e);
        }
    }

    private static Expression Strip(Expression e)
    {
        while (e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.Quote } u)
        {
            e = u.Operand;
        }

        return e;
    }

    /// <summary>A comparison of one fact with a constant, turned so the fact is on the left.</summary>
    private static bool TryComparison(Expression e, out Field field, out Type type, out ExpressionType op, out object? value)
    {
        field = default;
        type = typeof(object);
        op = e.NodeType;
        value = null;
        if (e is not BinaryExpression b || op is not (ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual or ExpressionType.LessThan
            or ExpressionType.LessThanOrEqual or ExpressionType.Equal))
        {
            return false;
        }

        var (left, right) = (Strip(b.Left), Strip(b.Right));
        if (left is ConstantExpression && right is not ConstantExpression)
        {
            (left, right) = (right, left);
            op = op switch
            {
                ExpressionType.GreaterThan => ExpressionType.LessThan,
                ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
                ExpressionType.LessThan => ExpressionType.GreaterThan,
                ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
                _ => op,
            };
        }

        if (right is not ConstantExpression { Value: { } constant } || FieldOf(left) is not { } f)
        {
            return false;
        }

        field = f;
        type = Nullable.GetUnderlyingType(left.Type) ?? left.Type;
        value = constant switch
        {
            string s => s,
            int or long or short or byte => Convert.ToDecimal(constant, CultureInfo.InvariantCulture),
            // A number not finite or beyond what the bounds can hold (decimal's range, less a margin for the +1 and -1 of
            // integral bounds) cannot be judged here: no warning, and never an exception.
            decimal dec => Math.Abs(dec) <= Largest ? dec : null,
            double d => ToDecimalOrNull(d),
            float single => ToDecimalOrNull(single),
            _ => null,
        };
        return value is not null;
    }

    /// <summary>A chain of members ending at a fact parameter (<c>customer.AnnualRevenue</c>, <c>customer.Industry.Length</c>).</summary>
    private static Field? FieldOf(Expression e)
    {
        if (e is not MemberExpression { Member: var member } m)
        {
            return null;
        }

        var names = new Stack<string>();
        Expression? at = m;
        while (Strip(at!) is MemberExpression inner)
        {
            names.Push(inner.Member.Name);
            at = inner.Expression;
            if (at is null)
            {
                return null;
            }
        }

        if (Strip(at!) is not ParameterExpression p)
        {
            return null;
        }

        return new Field($"{p.Name}.{string.Join('.', names)}", AtLeastZero.Contains($"{member.DeclaringType?.Name}.{member.Name}"));
    }

    /// <summary>The number as a decimal, or null when it is not finite or beyond decimal's range.</summary>
    private static decimal? ToDecimalOrNull(double number) =>
        double.IsFinite(number) && Math.Abs(number) <= (double)Largest ? (decimal)number : null;

    /// <summary>The largest number (either sign) the bounds take; beyond it a comparison is not judged.</summary>
    private const decimal Largest = 1e28m;

    private static bool IsIntegral(Type t) => t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte);

    private readonly record struct Field(string Name, bool AtLeastZero);

    /// <summary>An interval; null ends are open to infinity.</summary>
    private readonly record struct Bounds(decimal? Low, decimal? High, bool LowStrict = false, bool HighStrict = false)
    {
        public static Bounds None => new(1m, 0m);

        public bool IsEmpty => Low is { } l && High is { } h && (l > h || (l == h && (LowStrict || HighStrict)));

        public Bounds Above(decimal value, bool strict)
            => Low is { } l && (l > value || (l == value && (LowStrict || !strict))) ? this : this with { Low = value, LowStrict = strict };

        public Bounds Below(decimal value, bool strict)
            => High is { } h && (h < value || (h == value && (HighStrict || !strict))) ? this : this with { High = value, HighStrict = strict };
    }
}
