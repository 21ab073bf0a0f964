using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;
using CrmCore.Rules.Compilation;
using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Bulk;

/// <summary>
/// Rewrites the tagging and tiering rule bodies (expression trees over <see cref="CustomerFacts"/>) into one loop over the columns of a
/// <see cref="CustomerChunk"/> (rows within the chunk): each <c>customer.X</c> becomes a read of column X at the row, string equality against a literal becomes an
/// id comparison, <c>Tags.Contains("x")</c> a bit test, and time-derived facts are computed from the run's clock. Expressions it cannot
/// rewrite (a rule that enumerates <c>customer.Tags</c>, for instance) make <see cref="Compile"/> return null. Not thread-safe.
/// </summary>
internal sealed class ColumnKernelCompiler : ExpressionVisitor
{
    private static readonly MethodInfo TagSetContains = typeof(TagSet).GetMethod(nameof(TagSet.Contains))!;
    private static readonly MethodInfo WholeTickDaysSinceMethod = typeof(FactMath).GetMethod(nameof(FactMath.WholeDaysSince), [typeof(long), typeof(long)])!;
    private static readonly MethodInfo DaysSinceMethod = typeof(BulkDates).GetMethod(nameof(BulkDates.DaysSince), [typeof(Instant), typeof(long), typeof(sbyte)])!;
    private static readonly MethodInfo WholeMonthsMethod = typeof(ColumnCodes).GetMethod(nameof(ColumnCodes.WholeMonths))!;
    private static readonly MethodInfo RevenueMethod = typeof(CustomerChunk).GetMethod(nameof(CustomerChunk.Revenue))!;
    private static readonly MethodInfo PopCountMethod = typeof(BitOperations).GetMethod(nameof(BitOperations.PopCount), [typeof(ulong)])!;
    private static readonly MethodInfo MaxMethod = typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])!;

    private readonly ParameterExpression _columns = Expression.Parameter(typeof(CustomerChunk), "chunk");
    private readonly ParameterExpression _context = Expression.Parameter(typeof(RunContext), "context");
    private readonly ParameterExpression _start = Expression.Parameter(typeof(int), "start");
    private readonly ParameterExpression _end = Expression.Parameter(typeof(int), "end");
    private readonly ParameterExpression _row = Expression.Variable(typeof(int), "row");
    private readonly OnceLocals _hoisted = new();
    private readonly OnceLocals _rowLocals = new();
    private readonly List<string> _unsupported = [];
    private ParameterExpression _facts = RuleSetCompiler.CustomerParameter;
    private bool _guarded;

    /// <summary>A compiler with its own literal slots.</summary>
    public ColumnKernelCompiler()
        : this([], [])
    {
    }

    /// <summary>A compiler that shares literal slots with another one (kernels that run with the same <see cref="RunContext"/>).</summary>
    public ColumnKernelCompiler(List<string> stringLiterals, List<string> tagLiterals)
    {
        StringLiterals = stringLiterals;
        TagLiterals = tagLiterals;
    }

    /// <summary>The string literals compared with string facts, in slot order.</summary>
    public List<string> StringLiterals { get; }

    /// <summary>The tag names tested with <c>Tags.Contains</c>, in slot order.</summary>
    public List<string> TagLiterals { get; }

    /// <summary>Whether any rule reads a time-derived fact.</summary>
    public bool ReadsTime { get; private set; }

    /// <summary>Why the rule set cannot run over columns (empty when it can).</summary>
    public IReadOnlyList<string> Unsupported => _unsupported;

    /// <summary>
    /// Builds the kernel <c>(columns, context, start, end)</c> that classifies rows [start, end); null when a rule cannot be rewritten.
    /// With <paramref name="guarded"/>, each rule body is wrapped so that an exception makes the rule not hold. With
    /// <paramref name="merge"/>, the tag bits are OR-ed into the row's mask (a kernel for the rules another kernel left out) and the
    /// tier is written only when there are tiering rules.
    /// </summary>
    public Action<CustomerChunk, RunContext, int, int>? Compile(
        IReadOnlyList<(int TagId, Expression Body, string Rule)> tagging,
        IReadOnlyList<(int TierIndex, Expression Body, string Rule)> tiering,
        ParameterExpression facts,
        bool guarded,
        bool merge = false)
        => Build(tagging, tiering, facts, guarded, merge)?.Compile();

    /// <summary>
    /// The expression tree of the kernel <see cref="Compile"/> compiles: the columns and context fields it reads, read once before the
    /// loop over the rows, then the loop. Null when a rule cannot be rewritten.
    /// </summary>
    public Expression<Action<CustomerChunk, RunContext, int, int>>? Build(
        IReadOnlyList<(int TagId, Expression Body, string Rule)> tagging,
        IReadOnlyList<(int TierIndex, Expression Body, string Rule)> tiering,
        ParameterExpression facts,
        bool guarded,
        bool merge = false)
    {
        _facts = facts;
        _guarded = guarded;
        var mask = Expression.Variable(typeof(ulong), "mask");
        var perRow = new List<Expression>
        {
            Expression.Assign(mask, merge ? Expression.ArrayAccess(Hoist(nameof(CustomerChunk.ResultMasks)), _row) : Expression.Constant(0UL)),
        };
        foreach (var (tagId, body, rule) in tagging)
        {
            var rewritten = Rewrite(body, rule);
            perRow.Add(Expression.IfThen(rewritten, Expression.OrAssign(mask, Expression.Constant(1UL << tagId))));
        }

        Expression tier = Expression.Constant((short)-1);
        for (var k = tiering.Count - 1; k >= 0; k--)
        {
            var (index, body, rule) = tiering[k];
            tier = Expression.Condition(Rewrite(body, rule), Expression.Constant((short)index), tier);
        }

        if (_unsupported.Count > 0)
        {
            return null;
        }

        perRow.Add(Expression.Assign(Expression.ArrayAccess(Hoist(nameof(CustomerChunk.ResultMasks)), _row), mask));
        if (!merge || tiering.Count > 0)
        {
            perRow.Add(Expression.Assign(Expression.ArrayAccess(Hoist(nameof(CustomerChunk.ResultTiers)), _row), tier));
        }

        perRow.Add(Expression.PreIncrementAssign(_row));
        var exit = Expression.Label("exit");
        var loop = Expression.Loop(
            Expression.IfThenElse(
                Expression.LessThan(_row, _end),
                Expression.Block(_rowLocals.Variables.Append(mask), _rowLocals.Assignments.Concat(perRow)),
                Expression.Break(exit)),
            exit);
        var body2 = new List<Expression>(_hoisted.Assignments) { Expression.Assign(_row, _start), loop };
        var variables = _hoisted.Variables.Append(_row);
        return Expression.Lambda<Action<CustomerChunk, RunContext, int, int>>(Expression.Block(variables, body2), _columns, _context, _start, _end);
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (node == _facts)
        {
            _unsupported.Add("uses `customer` other than through its properties");
        }

        return node;
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        if (node.Expression == _facts)
        {
            return Read(node.Member.Name);
        }

        if (node.Member.DeclaringType == typeof(TagSet) && node.Member.Name == nameof(TagSet.Count) && IsFactsTags(node.Expression))
        {
            return Expression.Call(PopCountMethod, Column(nameof(CustomerChunk.Tags)));
        }

        return base.VisitMember(node);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method == TagSetContains && IsFactsTags(node.Object))
        {
            if (Unwrap(node.Arguments[0]) is not ConstantExpression { Value: var v })
            {
                _unsupported.Add("tests `customer.Tags.Contains` with a value that is not a literal");
                return node;
            }

            if (v is not string tag)
            {
                return Expression.Constant(false);
            }

            var slot = Slot(TagLiterals, tag);
            var bits = Expression.ArrayIndex(Hoist(nameof(RunContext.TagLiteralBits), fromContext: true), Expression.Constant(slot));
            return Expression.NotEqual(Expression.And(Column(nameof(CustomerChunk.Tags)), bits), Expression.Constant(0UL));
        }

        if (node.Method.DeclaringType == typeof(string) && node.Method.Name == nameof(string.Equals) && node.Object is null && node.Arguments.Count == 2
            && TryStringEquality(node.Arguments[0], node.Arguments[1], negate: false) is { } eq)
        {
            return eq;
        }

        return base.VisitMethodCall(node);
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual && node.Left.Type == typeof(string) && node.Right.Type == typeof(string)
            && TryStringEquality(node.Left, node.Right, node.NodeType == ExpressionType.NotEqual) is { } eq)
        {
            return eq;
        }

        if (node.Type == typeof(bool) && node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan
            or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual
            && TryNullableComparison(node) is { } cmp)
        {
            return cmp;
        }

        return base.VisitBinary(node);
    }

    private static Expression Unwrap(Expression e)
    {
        while (e is UnaryExpression { NodeType: ExpressionType.Convert } u)
        {
            e = u.Operand;
        }

        return e;
    }

    private static int Slot(List<string> slots, string value)
    {
        var i = slots.IndexOf(value);
        if (i < 0)
        {
            slots.Add(value);
            i = slots.Count - 1;
        }

        return i;
    }

    private static Expression HasFlag(Expression flags, byte flag)
        => Expression.NotEqual(Expression.And(flags, Expression.Constant(flag)), Expression.Constant((byte)0));

    private Expression Rewrite(Expression body, string rule)
    {
        var before = _unsupported.Count;
        var result = Visit(body);
        if (_guarded)
        {
            // As RuleSet.Classify's retry path: a rule that throws does not hold.
            result = RuleSetCompiler.Guard(result);
        }

        for (var i = before; i < _unsupported.Count; i++)
        {
            _unsupported[i] = $"rule `{rule}` {_unsupported[i]}";
        }

        return result;
    }

    private bool IsFactsTags(Expression? e) => e is MemberExpression { Member.Name: nameof(CustomerFacts.Tags) } m && m.Expression == _facts;

    /// <summary><c>customer.S == "x"</c> (either side) as an id comparison; null when not of that shape.</summary>
    private Expression? TryStringEquality(Expression left, Expression right, bool negate)
    {
        if (right is MemberExpression rm && rm.Expression == _facts && left is ConstantExpression)
        {
            (left, right) = (right, left);
        }

        if (left is not MemberExpression { Member.Name: var name } m || m.Expression != _facts || IdColumn(name) is null
            || right is not ConstantExpression { Value: string literal })
        {
            return null;
        }

        var slot = Slot(StringLiterals, literal);
        var literalId = Expression.ArrayIndex(Hoist(nameof(RunContext.StringLiteralIds), fromContext: true), Expression.Constant(slot));
        var column = Column(IdColumn(name)!);
        return negate ? Expression.NotEqual(column, literalId) : Expression.Equal(column, literalId);
    }

    /// <summary><c>customer.N op 3</c> for a nullable fact N as <c>has &amp;&amp; value op 3</c>, avoiding lifted arithmetic.</summary>
    private Expression? TryNullableComparison(BinaryExpression node)
    {
        var flipped = false;
        Expression fact = Unwrap(node.Left), other = Unwrap(node.Right);
        if (other is MemberExpression om && om.Expression == _facts)
        {
            (fact, other) = (other, fact);
            flipped = true;
        }

        if (fact is not MemberExpression { Member: PropertyInfo p } || ((MemberExpression)fact).Expression != _facts
            || Nullable.GetUnderlyingType(p.PropertyType) is not { } underlying || other is not ConstantExpression { Value: { } value }
            || value.GetType() != underlying || node.Method is not null && !node.IsLifted)
        {
            return null;
        }

        var (has, plain) = NullableParts(p.Name);
        var constant = Expression.Constant(value, underlying);
        var compare = flipped ? Expression.MakeBinary(node.NodeType, constant, plain) : Expression.MakeBinary(node.NodeType, plain, constant);
        return node.NodeType == ExpressionType.NotEqual ? Expression.OrElse(Expression.Not(has), compare) : Expression.AndAlso(has, compare);
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

    /// <summary>The presence test and the plain value of a nullable fact.</summary>
    private (Expression Has, Expression Value) NullableParts(string fact)
    {
        var flags = Column(nameof(CustomerChunk.Flags));
        var todayDay = Hoist(nameof(RunContext.TodayDay), fromContext: true);
        switch (fact)
        {
            case nameof(CustomerFacts.CsatAverage):
                return (HasFlag(flags, CustomerColumns.HasCsat), Column(nameof(CustomerChunk.CsatAverage)));
            case nameof(CustomerFacts.DaysSinceLastInteraction):
                // No recorded interaction is null ("no value"), exactly as CustomerFacts computes it.
                ReadsTime = true;
                // A whole-tick "now" counts in ticks (the kept tick gives the exact instant's days); only a "now" between ticks reads
                // the nanoseconds kept beside the tick and counts from the exact instant. Both columns are read from the chunk once,
                // before the loop; a row's nanoseconds only on that second path.
                return (HasFlag(flags, CustomerColumns.HasLastInteraction), RowLocal("days", () => Expression.Condition(
                    Hoist(nameof(RunContext.NowIsWholeTick), fromContext: true),
                    Expression.Call(
                        WholeTickDaysSinceMethod,
                        Hoist(nameof(RunContext.NowTicks), fromContext: true),
                        Column(nameof(CustomerChunk.LastInteractionTicks))),
                    Expression.Call(
                        DaysSinceMethod,
                        Hoist(nameof(RunContext.Now), fromContext: true),
                        Column(nameof(CustomerChunk.LastInteractionTicks)),
                        Expression.ArrayIndex(Hoist(nameof(CustomerChunk.LastInteractionNanoseconds)), _row)))));
            case nameof(CustomerFacts.MonthsSinceFirstCooperation):
                ReadsTime = true;
                return (HasFlag(flags, CustomerColumns.HasFirstCooperation),
                    RowLocal("months", () => Expression.Call(WholeMonthsMethod, Column(nameof(CustomerChunk.FirstCooperationKey)), Hoist(nameof(RunContext.TodayMonthKey), fromContext: true))));
            case nameof(CustomerFacts.DaysToContractEnd):
                ReadsTime = true;
                return (HasFlag(flags, CustomerColumns.HasContractEnd), Expression.Subtract(Column(nameof(CustomerChunk.ContractEndDay)), todayDay));
            case nameof(CustomerFacts.DaysSinceTierDowngrade):
                ReadsTime = true;
                return (HasFlag(flags, CustomerColumns.HasTierDowngrade),
                    Expression.Call(MaxMethod, Expression.Constant(0), Expression.Subtract(todayDay, Column(nameof(CustomerChunk.TierDowngradeDay)))));
            default:
                throw new InvalidOperationException($"`{fact}` is not a nullable customer fact.");
        }
    }

    /// <summary>The value of <c>customer.{fact}</c> at the current row.</summary>
    private Expression Read(string fact)
    {
        switch (fact)
        {
            case nameof(CustomerFacts.DoNotContact):
                return HasFlag(Column(nameof(CustomerChunk.Flags)), CustomerColumns.DoNotContact);
            case nameof(CustomerFacts.CsatAverage) or nameof(CustomerFacts.MonthsSinceFirstCooperation) or nameof(CustomerFacts.DaysSinceLastInteraction)
                or nameof(CustomerFacts.DaysToContractEnd) or nameof(CustomerFacts.DaysSinceTierDowngrade):
                var (has, value) = NullableParts(fact);
                var type = typeof(Nullable<>).MakeGenericType(value.Type);
                return Expression.Condition(has, Expression.Convert(value, type), Expression.Constant(null, type));
            case nameof(CustomerFacts.AnnualRevenue):
                return RowLocal("revenue", () => Expression.Call(_columns, RevenueMethod, _row));
            case nameof(CustomerFacts.Tags):
                _unsupported.Add("uses `customer.Tags` other than `Contains(\"literal\")` or `Count`");
                return Expression.Constant(null, typeof(TagSet));
        }

        if (IdColumn(fact) is { } idColumn)
        {
            return Expression.ArrayIndex(Hoist(nameof(RunContext.StringNames), fromContext: true), Column(idColumn));
        }

        if (typeof(CustomerChunk).GetField(fact) is null)
        {
            _unsupported.Add($"reads `customer.{fact}`, which the column store does not hold");
            return Expression.Default(typeof(CustomerFacts).GetProperty(fact)?.PropertyType ?? typeof(object));
        }

        return Column(fact);
    }

    /// <summary>
    /// A value computed once at the start of each row (a column read, a time-derived fact) and shared by every rule. It is computed
    /// even when no rule needs it for that row; none of these computations can throw.
    /// </summary>
    private ParameterExpression RowLocal(string name, Func<Expression> value) => _rowLocals.Get(name, value);

    /// <summary>The column's value at the current row, read once per row into a local (so that several rules share one bounds-checked load).</summary>
    private ParameterExpression Column(string column) => RowLocal("column:" + column, () => Expression.ArrayIndex(Hoist(column), _row));

    /// <summary>A local holding a field of the columns or the context, read once before the loop.</summary>
    private ParameterExpression Hoist(string field, bool fromContext = false) =>
        _hoisted.Get(field, () => Expression.Field(fromContext ? _context : _columns, field));
}
