using System.Linq.Expressions;
using System.Reflection;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Facts;

namespace CrmCore.Rules.Compilation;

/// <summary>A sandbox finding: a code and an English message.</summary>
internal sealed record SandboxFinding(string Code, string Message);

/// <summary>
/// Walks a parsed expression tree and accepts only what is on the allow list: fact properties, arithmetic, comparison, logic,
/// a few string methods, aggregate methods over the facts' own collections and <see cref="Math"/>. Everything else is a finding.
/// Not thread-safe; one instance per check.
/// </summary>
internal sealed class ExpressionSandbox : ExpressionVisitor
{
    private static readonly HashSet<string> StringInstanceMethods = ["Contains", "StartsWith", "EndsWith", "ToUpper", "ToLower", "Trim"];
    private static readonly HashSet<string> StringStaticMethods = ["IsNullOrEmpty", "IsNullOrWhiteSpace", "Concat", "Compare", "Equals"];
    private static readonly HashSet<string> EnumerableMethods = ["Any", "All", "Count", "Sum", "Max", "Min", "Contains"];
    private static readonly HashSet<string> Generators = ["Range", "Repeat", "Empty"];

    private readonly HashSet<Type> _factTypes;
    private readonly HashSet<ParameterExpression> _parameters;
    private readonly List<SandboxFinding> _findings = [];
    private readonly List<string> _timeDependent = [];
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private int _nodes;

    public ExpressionSandbox(IEnumerable<Type> factTypes, IEnumerable<ParameterExpression> parameters)
    {
        _factTypes = [.. factTypes];
        _parameters = [.. parameters];
    }

    public IReadOnlyList<SandboxFinding> Findings => _findings;

    /// <summary>Names of time-dependent facts the expression reads (<c>ticket.AgeMinutes</c>).</summary>
    public IReadOnlyList<string> TimeDependentReads => _timeDependent;

    public int NodeCount => _nodes;

    /// <summary>Names of the members and methods the expression uses, as declared.</summary>
    public IReadOnlyCollection<string> MemberNames => _members;

    public override Expression? Visit(Expression? node)
    {
        if (node is null)
        {
            return null;
        }

        _nodes++;
        switch (node.NodeType)
        {
            case ExpressionType.New:
            case ExpressionType.NewArrayBounds:
            case ExpressionType.NewArrayInit:
            case ExpressionType.MemberInit:
            case ExpressionType.ListInit:
            case ExpressionType.Invoke:
            case ExpressionType.Assign:
            case ExpressionType.Block:
            case ExpressionType.Loop:
            case ExpressionType.Goto:
            case ExpressionType.Throw:
            case ExpressionType.Try:
            case ExpressionType.Index:
            case ExpressionType.ArrayIndex:
            case ExpressionType.Dynamic:
            case ExpressionType.Extension:
            case ExpressionType.RuntimeVariables:
            case ExpressionType.TypeIs:
            case ExpressionType.TypeEqual:
            case ExpressionType.TypeAs:
            case ExpressionType.Quote:
                Add(RuleDiagnosticCodes.SandboxViolation, $"`{node.NodeType}` expressions are not allowed in CrmCore rules; use fact properties, operators and the documented functions.");
                return node;
        }

        return base.Visit(node);
    }

    protected override Expression VisitConstant(ConstantExpression node)
    {
        if (node.Value is not null && !IsScalar(node.Type))
        {
            Add(RuleDiagnosticCodes.SandboxViolation, $"A constant of type `{node.Type.Name}` is not allowed.");
        }

        return node;
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (!_parameters.Contains(node))
        {
            Add(RuleDiagnosticCodes.SandboxViolation, $"`{node.Name}` is not a known fact or parameter.");
        }

        return node;
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        foreach (var p in node.Parameters)
        {
            _parameters.Add(p);
        }

        return base.VisitLambda(node);
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        var declaring = node.Member.DeclaringType!;
        _members.Add(node.Member.Name);
        var ok = node.Member switch
        {
            PropertyInfo p when node.Expression is not null && _factTypes.Contains(declaring) => p.GetMethod is { IsPublic: true },
            PropertyInfo p when node.Expression is not null && declaring == typeof(string) => p.Name == "Length",
            PropertyInfo p when node.Expression is not null && declaring == typeof(TagSet) => p.Name == "Count",
            PropertyInfo p when node.Expression is not null && declaring.IsGenericType && declaring.GetGenericTypeDefinition() == typeof(Nullable<>) => p.Name is "HasValue" or "Value",
            FieldInfo f when f.IsStatic && (declaring == typeof(Math) || IsScalar(declaring)) => f.IsLiteral || f.IsInitOnly,
            _ => false,
        };
        if (!ok)
        {
            Add(RuleDiagnosticCodes.SandboxViolation, $"`{declaring.Name}.{node.Member.Name}` is not allowed in CrmCore rules: only fact properties, `string.Length`, tag `Count` and `Math` constants can be read.{WallClockHint(declaring)}");
            return node;
        }

        if (node.Member.GetCustomAttribute<TimeDependentFactAttribute>() is not null)
        {
            _timeDependent.Add(node.Member.Name);
        }

        return base.VisitMember(node);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var m = node.Method;
        var t = m.DeclaringType!;
        _members.Add(m.Name);
        if (t == typeof(Enumerable) && Generators.Contains(m.Name))
        {
            Add(RuleDiagnosticCodes.GeneratorNotAllowed, $"`Enumerable.{m.Name}` generates sequences and is not allowed; aggregate over the facts' own collections only.");
            return node;
        }

        var ok = false;
        if (t == typeof(string))
        {
            ok = m.IsStatic ? StringStaticMethods.Contains(m.Name) : StringInstanceMethods.Contains(m.Name) && m.GetParameters().All(p => p.ParameterType == typeof(string));
        }
        else if (t == typeof(Math))
        {
            ok = true;
        }
        else if (t == typeof(Enumerable) && EnumerableMethods.Contains(m.Name))
        {
            ok = IsRootedInFacts(node.Arguments[0]);
            if (!ok)
            {
                Add(RuleDiagnosticCodes.SandboxViolation, $"`{m.Name}` may only aggregate over a fact collection such as `customer.Tags`.");
                return node;
            }
        }
        else if (t == typeof(TagSet))
        {
            ok = m.Name == nameof(TagSet.Contains);
        }
        else if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Nullable<>))
        {
            ok = m.Name == "GetValueOrDefault";
        }

        if (!ok)
        {
            var what = m.Name == "GetType" || t.Namespace?.StartsWith("System.Reflection", StringComparison.Ordinal) == true || t == typeof(Type)
                ? " Reflection (`GetType`, `System.Type`, `System.Reflection`) is never allowed."
                : _factTypes.Contains(t) ? " Facts have properties only; their methods cannot be called." : string.Empty;
            Add(RuleDiagnosticCodes.SandboxViolation, $"Method `{t.Name}.{m.Name}` is not allowed in CrmCore rules.{what} Allowed: string Contains/StartsWith/EndsWith/ToUpper/ToLower/Trim/Length/IsNullOrEmpty, Any/All/Count/Sum/Max/Min/Contains over fact collections, Math.*.{WallClockHint(t)}");
            return node;
        }

        return base.VisitMethodCall(node);
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        CheckOperatorMethod(node.Method);
        return base.VisitBinary(node);
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        CheckOperatorMethod(node.Method);
        if (node.NodeType is ExpressionType.Convert or ExpressionType.ConvertChecked && !IsScalar(node.Type) && !IsScalar(node.Operand.Type))
        {
            Add(RuleDiagnosticCodes.SandboxViolation, $"Converting `{Shown(node.Operand.Type)}` to `{Shown(node.Type)}` is not allowed.");
        }

        return base.VisitUnary(node);
    }

    /// <summary>A type as a rule writer would write it: <c>Guid?</c> rather than .NET's <c>Nullable`1</c>.</summary>
    private static string Shown(Type t) => Nullable.GetUnderlyingType(t) is { } inner ? Shown(inner) + "?" : t.Name;

    private static string WallClockHint(Type t) => t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(Environment)
        ? " Time comes from facts computed with the injected clock (for example `customer.DaysSinceLastInteraction`)."
        : string.Empty;

    private void CheckOperatorMethod(MethodInfo? m)
    {
        if (m is not null && !(IsScalar(m.DeclaringType!) || m.DeclaringType == typeof(Math)))
        {
            Add(RuleDiagnosticCodes.SandboxViolation, $"Operator method `{m.DeclaringType!.Name}.{m.Name}` is not allowed.");
        }
    }

    private bool IsRootedInFacts(Expression source)
    {
        while (source is MemberExpression { Expression: not null } me)
        {
            source = me.Expression;
        }

        return source is ParameterExpression p && _parameters.Contains(p);
    }

    private static bool IsScalar(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsPrimitive || t == typeof(decimal) || t == typeof(string) || t.IsEnum;
    }

    private void Add(string code, string message)
    {
        if (!_findings.Exists(f => f.Message == message))
        {
            _findings.Add(new SandboxFinding(code, message));
        }
    }
}
