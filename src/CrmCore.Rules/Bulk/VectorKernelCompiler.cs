using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Intrinsics;
using CrmCore.Rules.Compilation;
using CrmCore.Rules.Facts;

namespace CrmCore.Rules.Bulk;

/// <summary>
/// Rewrites the tagging and tiering rule bodies into one branch-free loop that classifies eight rows per step with 256-bit vectors
/// (<see cref="VectorOps"/>) over the integer-coded columns of a <see cref="CustomerChunk"/>. Every rule becomes a lane mask; tag bits
/// are assembled with AND/OR, the tier with selects from the last rule to the first. Comparisons with literals read codes: money and
/// CSAT literals become codes (<see cref="ColumnCodes"/>), string literals interned ids, "days since the last interaction" a
/// comparison of the tick column with a threshold computed once per run, the other time-derived facts integer arithmetic on day
/// numbers and month keys. Rows where the scalar rules would throw (a checked overflow) or where a tick lies within 100 µs of a day
/// threshold are handed to the scalar kernel, which overwrites their results. Shapes it cannot rewrite are listed in
/// <see cref="Unsupported"/> and make <see cref="Compile"/> return null. Not thread-safe.
/// </summary>
internal sealed class VectorKernelCompiler
{
    private static readonly Type Mask = typeof(Vector256<int>);

    private readonly ParameterExpression _chunk = Expression.Parameter(typeof(CustomerChunk), "chunk");
    private readonly ParameterExpression _context = Expression.Parameter(typeof(RunContext), "context");
    private readonly ParameterExpression _start = Expression.Parameter(typeof(int), "start");
    private readonly ParameterExpression _end = Expression.Parameter(typeof(int), "end");
    private readonly ParameterExpression _row = Expression.Variable(typeof(int), "row");
    private readonly ParameterExpression _redo = Expression.Variable(Mask, "redo");
    private readonly OnceLocals _hoisted = new();
    private readonly OnceLocals _rowLocals = new();
    private readonly List<string> _unsupported = [];
    private ParameterExpression _facts = RuleSetCompiler.CustomerParameter;
    private string _rule = string.Empty;

    /// <summary>The string literals compared with string facts, in slot order.</summary>
    public List<string> StringLiterals { get; } = [];

    /// <summary>The tag names tested with <c>Tags.Contains</c>, in slot order.</summary>
    public List<string> TagLiterals { get; } = [];

    /// <summary>The day counts compared with "days since the last interaction", in slot order (thresholds are computed per run).</summary>
    public List<int> DayCounts { get; } = [];

    /// <summary>Why the rule set cannot run vectorised (empty when it can), each naming the rule.</summary>
    public IReadOnlyList<string> Unsupported => _unsupported;

    /// <summary>
    /// Builds the kernel <c>(chunk, context, start, end)</c> that classifies rows [start, end) of a chunk: it steps over whole vectors
    /// (eight rows from a multiple of 8, within the chunk's capacity) and writes only the rows in [start, end). Null when a rule cannot be rewritten.
    /// </summary>
    public Action<CustomerChunk, RunContext, int, int>? Compile(
        IReadOnlyList<(int TagId, Expression Body, string Rule)> tagging,
        IReadOnlyList<(int TierIndex, Expression Body, string Rule)> tiering,
        ParameterExpression facts)
    {
        _facts = facts;
        var low = Expression.Variable(Mask, "low");
        var high = Expression.Variable(Mask, "high");
        var zero = Hoisted("zero", () => Expression.Default(Mask));
        var perRow = new List<Expression> { Expression.Assign(low, zero), Expression.Assign(high, zero) };
        foreach (var (tagId, body, rule) in tagging)
        {
            if (Rewrite(body, rule) is { } holds)
            {
                var target = tagId < 32 ? low : high;
                var bit = Constant(1 << (tagId & 31));
                perRow.Add(Expression.Assign(target, Op(nameof(VectorOps.Or), target, Op(nameof(VectorOps.And), holds, bit))));
            }
        }

        Expression tier = Constant(-1);
        for (var k = tiering.Count - 1; k >= 0; k--)
        {
            var (index, body, rule) = tiering[k];
            if (Rewrite(body, rule) is { } holds)
            {
                tier = Op(nameof(VectorOps.Select), holds, Constant(index), tier);
            }
        }

        if (_unsupported.Count > 0)
        {
            return null;
        }

        var tierLocal = Expression.Variable(Mask, "tier");
        perRow.Add(Expression.Assign(tierLocal, tier));
        perRow.Add(Expression.Call(typeof(VectorOps).GetMethod(nameof(VectorOps.Store))!, _chunk, _row, _start, _end, low, high, tierLocal));
        perRow.Add(Expression.IfThen(
            Op(nameof(VectorOps.Any), _redo),
            Expression.Call(typeof(VectorOps).GetMethod(nameof(VectorOps.Redo))!, _chunk, _context, _row, _start, _end, _redo)));
        perRow.Add(Expression.AddAssign(_row, Expression.Constant(VectorOps.Lanes)));
        var exit = Expression.Label("exit");
        var loop = Expression.Loop(
            Expression.IfThenElse(
                Expression.LessThan(_row, _end),
                Expression.Block(_rowLocals.Variables.Append(low).Append(high).Append(tierLocal), _rowLocals.Assignments.Prepend(Expression.Assign(_redo, zero)).Concat(perRow)),
                Expression.Break(exit)),
            exit);
        var block = new List<Expression>
        {
            Expression.Call(typeof(VectorOps).GetMethod(nameof(VectorOps.CheckRange))!, _chunk, _start, _end),
        };
        block.AddRange(_hoisted.Assignments);
        block.Add(Expression.Assign(_row, Expression.And(_start, Expression.Constant(~(VectorOps.Lanes - 1)))));
        block.Add(loop);
        var lambda = Expression.Lambda<Action<CustomerChunk, RunContext, int, int>>(
            Expression.Block(_hoisted.Variables.Append(_row).Append(_redo), block), _chunk, _context, _start, _end);
        return lambda.Compile();
    }

    /// <summary>Why one rule body cannot run vectorised; empty when it can.</summary>
    public static IReadOnlyList<string> Check(Expression body, string rule, ParameterExpression facts)
    {
        var probe = new VectorKernelCompiler { _facts = facts };
        probe.Rewrite(body, rule);
        return probe._unsupported;
    }

    private static Expression Op(string name, params Expression[] args)
    {
        var types = args.Select(a => a.Type).ToArray();
        var method = typeof(VectorOps).GetMethod(name, types)
            ?? throw new InvalidOperationException($"VectorOps.{name}({string.Join(", ", types.Select(t => t.Name))}) does not exist.");
        return Expression.Call(method, args);
    }

    private static Expression Unwrap(Expression e)
    {
        while (e is UnaryExpression { NodeType: ExpressionType.Convert } u)
        {
            e = u.Operand;
        }

        return e;
    }

    private static int Slot<T>(List<T> slots, T value)
    {
        var i = slots.IndexOf(value);
        if (i < 0)
        {
            slots.Add(value);
            i = slots.Count - 1;
        }

        return i;
    }

    /// <summary>The comparison with its operands swapped (a op b ⇔ b op' a).</summary>
    private static ExpressionType Flip(ExpressionType op) => op switch
    {
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        _ => op,
    };

    private static bool IsComparison(ExpressionType t) => t is ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan
        or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual;

    private Expression? Rewrite(Expression body, string rule)
    {
        _rule = rule;
        return Bool(body);
    }

    private Expression? Fail(string why)
    {
        _unsupported.Add($"rule `{_rule}` {why}");
        return null;
    }

    /// <summary>A Boolean expression as a lane mask; null (and a reason) when not vectorisable.</summary>
    private Expression? Bool(Expression e)
    {
        switch (e)
        {
            case ConstantExpression { Value: bool b }:
                return b ? Hoisted("true", () => Op(nameof(VectorOps.Broadcast), Expression.Constant(-1))) : Hoisted("zero", () => Expression.Default(Mask));
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.And } both when both.Type == typeof(bool):
                return Both(both, nameof(VectorOps.And));
            case BinaryExpression { NodeType: ExpressionType.OrElse or ExpressionType.Or } either when either.Type == typeof(bool):
                return Both(either, nameof(VectorOps.Or));
            case BinaryExpression { NodeType: ExpressionType.ExclusiveOr } xor when xor.Type == typeof(bool):
                return Both(xor, nameof(VectorOps.Xor));
            case UnaryExpression { NodeType: ExpressionType.Not } not when not.Type == typeof(bool):
                return Bool(not.Operand) is { } inner ? Op(nameof(VectorOps.Not), inner) : null;
            case MemberExpression { Member.Name: nameof(CustomerFacts.DoNotContact) } m when m.Expression == _facts:
                return Flag(CustomerColumns.DoNotContact);
            case MethodCallExpression call when call.Method.DeclaringType == typeof(TagSet) && call.Method.Name == nameof(TagSet.Contains) && IsFactsTags(call.Object):
                return TagContains(call.Arguments[0]);
            case MethodCallExpression { Object: null, Arguments.Count: 2 } call when call.Method.DeclaringType == typeof(string) && call.Method.Name == nameof(string.Equals):
                return StringEquality(call.Arguments[0], call.Arguments[1], negate: false);
            case BinaryExpression cmp when IsComparison(cmp.NodeType) && cmp.Type == typeof(bool):
                return Comparison(cmp);
            default:
                return Fail($"uses `{e}`, which the vectorised kernel does not handle");
        }
    }

    private Expression? Both(BinaryExpression node, string op)
    {
        var left = Bool(node.Left);
        var right = Bool(node.Right);
        return left is null || right is null ? null : Op(op, left, right);
    }

    private Expression? Comparison(BinaryExpression node)
    {
        var op = node.NodeType;
        if (node.Left.Type == typeof(string))
        {
            return op is ExpressionType.Equal or ExpressionType.NotEqual
                ? StringEquality(node.Left, node.Right, op == ExpressionType.NotEqual)
                : Fail($"compares strings with `{op}`");
        }

        Expression left = Unwrap(node.Left), right = Unwrap(node.Right);
        if (right is MemberExpression rm && rm.Expression == _facts && left is ConstantExpression)
        {
            (left, right) = (right, left);
            op = Flip(op);
        }

        if (left is MemberExpression { Member: PropertyInfo p } lm && lm.Expression == _facts && right is ConstantExpression c)
        {
            switch (p.Name)
            {
                case nameof(CustomerFacts.AnnualRevenue):
                    return RevenueComparison(op, c.Value);
                case nameof(CustomerFacts.CsatAverage):
                    return Nullable(op, c.Value, CustomerColumns.HasCsat, v => ColumnCodes.TryCsatLiteral(Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture), out var code) ? code : null, CsatCode);
                case nameof(CustomerFacts.DaysSinceLastInteraction):
                    return DaysSinceComparison(op, c.Value);
                case nameof(CustomerFacts.MonthsSinceFirstCooperation):
                    return Nullable(op, c.Value, CustomerColumns.HasFirstCooperation, IntLiteral, Months);
                case nameof(CustomerFacts.DaysToContractEnd):
                    return Nullable(op, c.Value, CustomerColumns.HasContractEnd, IntLiteral, DaysToContractEnd);
                case nameof(CustomerFacts.DaysSinceTierDowngrade):
                    return Nullable(op, c.Value, CustomerColumns.HasTierDowngrade, IntLiteral, DaysSinceDowngrade);
            }
        }

        if (node.Left.Type == typeof(int) && node.Right.Type == typeof(int))
        {
            var a = Int(node.Left);
            var b = Int(node.Right);
            return a is null || b is null ? null : Compare(op, a, b);
        }

        if (node.Left.Type == typeof(bool) && node.Right.Type == typeof(bool) && op is ExpressionType.Equal or ExpressionType.NotEqual)
        {
            var a = Bool(node.Left);
            var b = Bool(node.Right);
            return a is null || b is null ? null : op == ExpressionType.NotEqual ? Op(nameof(VectorOps.Xor), a, b) : Op(nameof(VectorOps.Not), Op(nameof(VectorOps.Xor), a, b));
        }

        return Fail($"compares `{node.Left}` with `{node.Right}`; the vectorised kernel compares integer facts and arithmetic, and other facts only with a literal");
    }

    private static int? IntLiteral(object v) => v is int i ? i : null;

    /// <summary>Integer lanes compared: &gt;= and &gt; directly, the others by swapping operands or negating.</summary>
    private static Expression Compare(ExpressionType op, Expression a, Expression b) => op switch
    {
        ExpressionType.Equal => Op(nameof(VectorOps.Eq), a, b),
        ExpressionType.NotEqual => Op(nameof(VectorOps.Not), Op(nameof(VectorOps.Eq), a, b)),
        ExpressionType.GreaterThan => Op(nameof(VectorOps.Gt), a, b),
        ExpressionType.GreaterThanOrEqual => Op(nameof(VectorOps.Ge), a, b),
        ExpressionType.LessThan => Op(nameof(VectorOps.Gt), b, a),
        ExpressionType.LessThanOrEqual => Op(nameof(VectorOps.Ge), b, a),
        _ => throw new InvalidOperationException(op.ToString()),
    };

    /// <summary>A nullable integer-valued fact compared with a literal: has &amp;&amp; value op literal (!has || value != literal for !=); null literals as C# lifting.</summary>
    private Expression? Nullable(ExpressionType op, object? literal, byte hasFlag, Func<object, int?> encode, Func<Expression> value)
    {
        var has = Flag(hasFlag);
        if (literal is null)
        {
            // Lifted comparisons with null: == null holds for a missing value, != null for a present one, the others never.
            return op switch
            {
                ExpressionType.Equal => Op(nameof(VectorOps.Not), has),
                ExpressionType.NotEqual => has,
                _ => Bool(Expression.Constant(false)),
            };
        }

        if (encode(literal) is not { } code)
        {
            return Fail($"compares with `{literal}`, which the integer columns cannot hold exactly");
        }

        var cmp = Compare(op, value(), Constant(code));
        return op == ExpressionType.NotEqual ? Op(nameof(VectorOps.Or), Op(nameof(VectorOps.Not), has), cmp) : Op(nameof(VectorOps.And), has, cmp);
    }

    private Expression? RevenueComparison(ExpressionType op, object? literal)
    {
        if (literal is not decimal d || !ColumnCodes.TryMoneyLiteral(d, out var code))
        {
            return Fail($"compares `AnnualRevenue` with `{literal}`, which is not a whole number of fen within ±2^60");
        }

        var low = RowLocal("revenue.low", () => Expression.Call(typeof(VectorOps).GetMethod(nameof(VectorOps.LoadLow), [typeof(long[]), typeof(int)])!, Column(nameof(CustomerChunk.RevenueCode)), _row));
        var high = RowLocal("revenue.high", () => Expression.Call(typeof(VectorOps).GetMethod(nameof(VectorOps.LoadHigh), [typeof(long[]), typeof(int)])!, Column(nameof(CustomerChunk.RevenueCode)), _row));
        var c = Hoisted("long:" + code, () => Op(nameof(VectorOps.Broadcast), Expression.Constant(code)));
        return op switch
        {
            ExpressionType.Equal => Op(nameof(VectorOps.Eq), low, high, c),
            ExpressionType.NotEqual => Op(nameof(VectorOps.Not), Op(nameof(VectorOps.Eq), low, high, c)),
            ExpressionType.GreaterThan => Op(nameof(VectorOps.Gt), low, high, c),
            ExpressionType.GreaterThanOrEqual => Op(nameof(VectorOps.Ge), low, high, c),
            ExpressionType.LessThan => Op(nameof(VectorOps.Lt), low, high, c),
            ExpressionType.LessThanOrEqual => Op(nameof(VectorOps.Le), low, high, c),
            _ => throw new InvalidOperationException(op.ToString()),
        };
    }

    /// <summary>
    /// "Days since the last interaction" (max(0, whole days)) compared with a literal k, through AtLeast(k) = "at least k whole days
    /// have passed" = tick ≤ now − k days (k ≥ 1; always for k ≤ 0): exactly the whole days the scalar kernel and the fact compute
    /// (<see cref="Facts.FactMath.WholeDaysSince(long, long)"/>), with no division per row.
    /// </summary>
    private Expression? DaysSinceComparison(ExpressionType op, object? literal)
    {
        var has = Flag(CustomerColumns.HasLastInteraction);
        if (literal is null)
        {
            return Nullable(op, literal, CustomerColumns.HasLastInteraction, IntLiteral, () => throw new InvalidOperationException());
        }

        if (literal is not int k)
        {
            return Fail($"compares `DaysSinceLastInteraction` with `{literal}`");
        }

        var next = k == int.MaxValue ? (int?)null : k + 1;
        Expression AtLeastNext() => next is { } n ? AtLeast(n) : Bool(Expression.Constant(false))!;
        var cmp = op switch
        {
            ExpressionType.GreaterThanOrEqual => AtLeast(k),
            ExpressionType.GreaterThan => AtLeastNext(),
            ExpressionType.LessThan => Op(nameof(VectorOps.Not), AtLeast(k)),
            ExpressionType.LessThanOrEqual => Op(nameof(VectorOps.Not), AtLeastNext()),
            ExpressionType.Equal or ExpressionType.NotEqual => Op(nameof(VectorOps.AndNot), AtLeast(k), AtLeastNext()),
            _ => throw new InvalidOperationException(op.ToString()),
        };
        return op == ExpressionType.NotEqual ? Op(nameof(VectorOps.Or), Op(nameof(VectorOps.Not), has), Op(nameof(VectorOps.Not), cmp)) : Op(nameof(VectorOps.And), has, cmp);
    }

    private Expression AtLeast(int k)
    {
        if (k <= 0)
        {
            return Bool(Expression.Constant(true))!;
        }

        return RowLocal("days>=" + k, () =>
        {
            var slot = Slot(DayCounts, k);
            var threshold = Hoisted("threshold:" + k, () => Op(nameof(VectorOps.Broadcast), Expression.ArrayIndex(Expression.Field(_context, nameof(RunContext.DayThresholds)), Expression.Constant(slot))));
            return Op(nameof(VectorOps.Le), Ticks(low: true), Ticks(low: false), threshold);
        });
    }

    private Expression Ticks(bool low) => RowLocal(low ? "ticks.low" : "ticks.high", () => Expression.Call(
        typeof(VectorOps).GetMethod(low ? nameof(VectorOps.LoadLow) : nameof(VectorOps.LoadHigh), [typeof(long[]), typeof(int)])!,
        Column(nameof(CustomerChunk.LastInteractionTicks)),
        _row));

    private Expression CsatCode() => LoadInt(nameof(CustomerChunk.CsatCode));

    private Expression Months() => RowLocal("months", () => Op(
        nameof(VectorOps.Max),
        Constant(0),
        Op(nameof(VectorOps.ShiftRightArithmetic), Op(nameof(VectorOps.Subtract), ContextInt(nameof(RunContext.TodayMonthKey)), LoadInt(nameof(CustomerChunk.FirstCooperationKey))), Expression.Constant(5))));

    private Expression DaysToContractEnd() => RowLocal("toContractEnd", () => Op(nameof(VectorOps.Subtract), LoadInt(nameof(CustomerChunk.ContractEndDay)), ContextInt(nameof(RunContext.TodayDay))));

    private Expression DaysSinceDowngrade() => RowLocal("sinceDowngrade", () => Op(
        nameof(VectorOps.Max), Constant(0), Op(nameof(VectorOps.Subtract), ContextInt(nameof(RunContext.TodayDay)), LoadInt(nameof(CustomerChunk.TierDowngradeDay)))));

    /// <summary>An <c>int</c> expression as eight lanes; null (and a reason) when not vectorisable.</summary>
    private Expression? Int(Expression e)
    {
        switch (e)
        {
            case ConstantExpression { Value: int i }:
                return Constant(i);
            case MemberExpression { Member.Name: nameof(TagSet.Count) } m when m.Member.DeclaringType == typeof(TagSet) && IsFactsTags(m.Expression):
                return RowLocal("tagCount", () => Expression.Call(typeof(VectorOps).GetMethod(nameof(VectorOps.PopCount))!, Column(nameof(CustomerChunk.Tags)), _row));
            case MemberExpression { Member.Name: var name } m when m.Expression == _facts && typeof(CustomerChunk).GetField(name) is { FieldType: var t } && t == typeof(int[]) && IsPlainIntFact(name):
                return LoadInt(name);
            case BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply } b:
                return Arithmetic(b, b.NodeType.ToString(), checkedOp: false);
            case BinaryExpression { NodeType: ExpressionType.AddChecked or ExpressionType.SubtractChecked or ExpressionType.MultiplyChecked } b:
                return Arithmetic(b, b.NodeType.ToString(), checkedOp: true);
            case UnaryExpression { NodeType: ExpressionType.Negate or ExpressionType.NegateChecked } n:
                return Arithmetic(Expression.MakeBinary(n.NodeType == ExpressionType.Negate ? ExpressionType.Subtract : ExpressionType.SubtractChecked, Expression.Constant(0), n.Operand), "Subtract", n.NodeType == ExpressionType.NegateChecked);
            default:
                return Fail($"uses the integer expression `{e}`, which the vectorised kernel does not handle");
        }
    }

    private static bool IsPlainIntFact(string name) => name is nameof(CustomerFacts.Employees) or nameof(CustomerFacts.ComplaintsLast60Days)
        or nameof(CustomerFacts.ComplaintsPrev60Days) or nameof(CustomerFacts.ConsultationsLast60Days) or nameof(CustomerFacts.ConsultationsPrev60Days)
        or nameof(CustomerFacts.UnresolvedComplaints) or nameof(CustomerFacts.OpenTicketCount);

    private Expression? Arithmetic(BinaryExpression b, string op, bool checkedOp)
    {
        if (b.Left.Type != typeof(int) || b.Right.Type != typeof(int))
        {
            return Fail($"uses `{b}` on values that are not `int`");
        }

        var left = Int(b.Left);
        var right = Int(b.Right);
        if (left is null || right is null)
        {
            return null;
        }

        var name = op.Replace("Checked", string.Empty, StringComparison.Ordinal);
        if (!checkedOp)
        {
            return Op(name, left, right);
        }

        var method = typeof(VectorOps).GetMethod(name + "Checked")!;
        return Expression.Call(method, left, right, _redo);
    }

    private bool IsFactsTags(Expression? e) => e is MemberExpression { Member.Name: nameof(CustomerFacts.Tags) } m && m.Expression == _facts;

    private Expression? TagContains(Expression argument)
    {
        if (Unwrap(argument) is not ConstantExpression { Value: var v })
        {
            return Fail("tests `customer.Tags.Contains` with a value that is not a literal");
        }

        if (v is not string tag)
        {
            return Bool(Expression.Constant(false));
        }

        var slot = Slot(TagLiterals, tag);
        var bits = Hoisted("tag:" + slot, () => Op(nameof(VectorOps.Broadcast), Expression.ArrayIndex(Expression.Field(_context, nameof(RunContext.VectorTagBits)), Expression.Constant(slot))));
        var low = RowLocal("tags.low", () => Expression.Call(typeof(VectorOps).GetMethod(nameof(VectorOps.LoadLow), [typeof(ulong[]), typeof(int)])!, Column(nameof(CustomerChunk.Tags)), _row));
        var high = RowLocal("tags.high", () => Expression.Call(typeof(VectorOps).GetMethod(nameof(VectorOps.LoadHigh), [typeof(ulong[]), typeof(int)])!, Column(nameof(CustomerChunk.Tags)), _row));
        return Op(nameof(VectorOps.AnyBits), low, high, bits);
    }

    /// <summary><c>customer.S == "x"</c> (either side) as an id comparison.</summary>
    private Expression? StringEquality(Expression left, Expression right, bool negate)
    {
        if (right is MemberExpression rm && rm.Expression == _facts && left is ConstantExpression)
        {
            (left, right) = (right, left);
        }

        if (left is not MemberExpression { Member.Name: var name } m || m.Expression != _facts || IdColumn(name) is not { } column
            || right is not ConstantExpression { Value: string literal })
        {
            return Fail($"compares `{left}` with `{right}`; the vectorised kernel compares a string fact with a string literal");
        }

        var slot = Slot(StringLiterals, literal);
        var id = Hoisted("string:" + slot, () => Op(nameof(VectorOps.Broadcast), Expression.ArrayIndex(Expression.Field(_context, nameof(RunContext.VectorStringIds)), Expression.Constant(slot))));
        var eq = Op(nameof(VectorOps.Eq), LoadInt(column), id);
        return negate ? Op(nameof(VectorOps.Not), eq) : eq;
    }

    private static string? IdColumn(string fact) => fact switch
    {
        nameof(CustomerFacts.Industry) => nameof(CustomerChunk.Industry),
        nameof(CustomerFacts.Region) => nameof(CustomerChunk.Region),
        nameof(CustomerFacts.Tier) or nameof(CustomerFacts.RecordedTier) => nameof(CustomerChunk.Tier),
        nameof(CustomerFacts.Size) => nameof(CustomerChunk.Size),
        nameof(CustomerFacts.SourceChannel) => nameof(CustomerChunk.SourceChannel),
        _ => null,
    };

    private Expression Flag(byte flag) => RowLocal("flag:" + flag, () => Op(
        nameof(VectorOps.HasFlag),
        RowLocal("flags", () => Expression.Call(typeof(VectorOps).GetMethod(nameof(VectorOps.LoadFlags))!, Column(nameof(CustomerChunk.Flags)), _row)),
        Constant(flag)));

    private Expression LoadInt(string column) => RowLocal("int:" + column, () => Expression.Call(
        typeof(VectorOps).GetMethod(nameof(VectorOps.Load), [typeof(int[]), typeof(int)])!, Column(column), _row));

    private Expression Constant(int value) => Hoisted("int:" + value, () => Op(nameof(VectorOps.Broadcast), Expression.Constant(value)));

    private Expression ContextInt(string field) => Hoisted("context:" + field, () => Op(nameof(VectorOps.Broadcast), Expression.Field(_context, field)));

    /// <summary>A chunk array read into a local before the loop.</summary>
    private ParameterExpression Column(string field) => Hoisted("column:" + field, () => Expression.Field(_chunk, field));

    /// <summary>A value computed once per vector step (a column load, a derived fact) and shared by every rule.</summary>
    private ParameterExpression RowLocal(string name, Func<Expression> value) => _rowLocals.Get(name, value);

    /// <summary>A value computed once before the loop (a broadcast constant, a per-run threshold, a chunk array).</summary>
    private ParameterExpression Hoisted(string name, Func<Expression> value) => _hoisted.Get(name, value, name.Replace(':', '_'));
}
