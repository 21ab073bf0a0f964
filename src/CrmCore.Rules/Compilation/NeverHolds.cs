using System.Globalization;
using System.Linq.Expressions;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Compilation;

/// <summary>
/// Finds rule bodies that no facts can make hold: the literal <c>false</c>, a conjunction whose bounds on one fact leave no value
/// (<c>customer.AnnualRevenue &gt; 100 &amp;&amp; customer.AnnualRevenue &lt; 50</c>, two different <c>==</c> texts), or a
/// comparison outside a fact's documented range (<see cref="Ranges"/>: the facts computed to be at least 0, the counts and sizes
/// the inputs check to be at least 0, CSAT's 1 to 5; and for every whole-number fact the range of <see cref="int"/>). Sound, not
/// complete: a body it passes may still never hold. Thread-safe (stateless).
/// </summary>
internal static class NeverHolds
{
    /// <summary>
    /// The documented range of each fact that has one, by member name on its declaring fact type: the facts computed to be at least 0
    /// (<c>DaysSinceLastInteraction</c>, <c>MonthsSinceFirstCooperation</c>, <c>DaysSinceTierDowngrade</c>, <c>AgeMinutes</c>, a text's
    /// <c>Length</c>, a tag set's <c>Count</c>) and the input facts whose inputs refuse a value outside it
    /// (<see cref="Facts.CustomerFactsInput"/>, <see cref="Facts.TicketFactsInput"/>). A null end is open.
    /// </summary>
    private static readonly Dictionary<string, (decimal Low, decimal? High)> Ranges = new(StringComparer.Ordinal)
    {
        ["CustomerFacts.DaysSinceLastInteraction"] = (0m, null),
        ["CustomerFacts.MonthsSinceFirstCooperation"] = (0m, null),
        ["CustomerFacts.DaysSinceTierDowngrade"] = (0m, null),
        ["CustomerFacts.Employees"] = (0m, null),
        ["CustomerFacts.ComplaintsLast60Days"] = (0m, null),
        ["CustomerFacts.ComplaintsPrev60Days"] = (0m, null),
        ["CustomerFacts.ConsultationsLast60Days"] = (0m, null),
        ["CustomerFacts.ConsultationsPrev60Days"] = (0m, null),
        ["CustomerFacts.UnresolvedComplaints"] = (0m, null),
        ["CustomerFacts.OpenTicketCount"] = (0m, null),
        ["CustomerFacts.CsatAverage"] = (CrmCore.Satisfaction.CsatScore.MinValue, CrmCore.Satisfaction.CsatScore.MaxValue),
        ["TicketFacts.AgeMinutes"] = (0m, null),
        ["TicketFacts.ReopenCount"] = (0m, null),
        ["TicketFacts.EscalationLevel"] = (0m, null),
        ["TicketFacts.AssetModelFailureRate"] = (0m, null),
        ["String.Length"] = (0m, null),
        ["TagSet.Count"] = (0m, null),
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
                b = field.Range is { } range ? new Bounds(range.Low, range.High) : new Bounds(null, null);
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
                if (field.Range is { } range && !leaves.Any(l => l != leaf && TryComparison(l, out var f2, out _, out _, out _) && f2.Name == field.Name))
                {
                    // One comparison with the fact, outside its range: say which end it passes.
                    var above = range.High is { } high && b.Low is { } low && (low > high || (low == high && b.LowStrict));
                    return above
                        ? DiagnosticStrings.Text("NeverHolds_AboveRange", field.Name, Number(range.High!.Value), Written(op, d))
                        : DiagnosticStrings.Text("NeverHolds_OutOfRange", field.Name, Number(range.Low), Written(op, d));
                }

                return DiagnosticStrings.Text("NeverHolds_Contradiction", field.Name);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="body"/> holds for every input: the literal <c>true</c> (a catch-all).</summary>
    public static bool IsCatchAll(Expression body) => Strip(body) is ConstantExpression { Value: true };

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

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

        var type = Nullable.GetUnderlyingType(m.Type) ?? m.Type;
        var range = Ranges.TryGetValue($"{member.DeclaringType?.Name}.{member.Name}", out var declared) ? declared : ((decimal Low, decimal? High)?)null;
        if (type == typeof(int))
        {
            // A whole-number fact holds an int: its declared range, or else int's own, is all it can be.
            range = (Math.Max(range?.Low ?? int.MinValue, int.MinValue), Math.Min(range?.High ?? int.MaxValue, int.MaxValue));
        }

        return new Field($"{p.Name}.{string.Join('.', names)}", range);
    }

    /// <summary>The number as a decimal, or null when it is not finite or beyond decimal's range.</summary>
    private static decimal? ToDecimalOrNull(double number) =>
        double.IsFinite(number) && Math.Abs(number) <= (double)Largest ? (decimal)number : null;

    /// <summary>The largest number (either sign) the bounds take; beyond it a comparison is not judged.</summary>
    private const decimal Largest = 1e28m;

    private static bool IsIntegral(Type t) => t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte);

    private readonly record struct Field(string Name, (decimal Low, decimal? High)? Range);

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
