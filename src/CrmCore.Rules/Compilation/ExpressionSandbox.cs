using System.Linq.Expressions;
using System.Reflection;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Facts;

namespace CrmCore.Rules.Compilation;

/// <summary>
/// A sandbox finding: a code and its message in English and Simplified Chinese (plain words first, the .NET name only as a detail).
/// </summary>
internal sealed record SandboxFinding(string Code, DiagnosticText Text)
{
    /// <summary>The English message.</summary>
    public string Message => Text.English;
}

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
                Add(RuleDiagnosticCodes.SandboxViolation, Detail("Sandbox_DetailNode", RefusedNode(node.NodeType), node.NodeType.ToString()));
                return node;
        }

        return base.Visit(node);
    }

    protected override Expression VisitConstant(ConstantExpression node)
    {
        if (node.Value is not null && !IsScalar(node.Type))
        {
            Add(RuleDiagnosticCodes.SandboxViolation, Detail("Sandbox_DetailValue", "Sandbox_Constant", node.Type.Name));
        }

        return node;
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (!_parameters.Contains(node))
        {
            Add(RuleDiagnosticCodes.SandboxViolation, DiagnosticStrings.Text("Sandbox_UnknownName", node.Name));
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
            // The year of the clock's current time is refused at `Year`, but what the analyst did wrong is reading the clock: that is what is named.
            var read = node;
            for (var inner = node.Expression as MemberExpression; inner is not null; inner = inner.Expression as MemberExpression)
            {
                if (IsClock(inner.Member.DeclaringType!, inner.Member.Name))
                {
                    read = inner;
                }
            }

            var plain = IsClock(read.Member.DeclaringType!, read.Member.Name) ? "Sandbox_Clock" : "Sandbox_Member";
            Add(RuleDiagnosticCodes.SandboxViolation, Detail("Sandbox_DetailReads", plain, $"{read.Member.DeclaringType!.Name}.{read.Member.Name}"));
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
            Add(RuleDiagnosticCodes.GeneratorNotAllowed, Detail("Sandbox_DetailCalls", "Sandbox_Generator", $"Enumerable.{m.Name}"));
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
                Add(RuleDiagnosticCodes.SandboxViolation, DiagnosticStrings.Text("Sandbox_AggregateSource", m.Name));
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
            Add(RuleDiagnosticCodes.SandboxViolation, Detail("Sandbox_DetailCalls", RefusedCall(m, t), $"{t.Name}.{m.Name}"));
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
            Add(RuleDiagnosticCodes.SandboxViolation, Detail("Sandbox_DetailConverts", "Sandbox_Conversion", Shown(node.Operand.Type), Shown(node.Type)));
        }

        return base.VisitUnary(node);
    }

    /// <summary>
    /// The resource that says why a call is refused, in the analyst's words: what the call tries (converting text to a number, reading a
    /// date from text, the clock, turning a value into text, reflection, a fact's method, a text function that is not offered) and what
    /// to write instead. The .NET method is added after it, as a detail.
    /// </summary>
    private string RefusedCall(MethodInfo m, Type t)
    {
        var parameters = m.GetParameters();
        var fromText = parameters.Length > 0 && parameters[0].ParameterType == typeof(string);
        var timeType = t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(DateOnly) || t == typeof(TimeOnly);
        if (m.Name == "GetType" || t.Namespace?.StartsWith("System.Reflection", StringComparison.Ordinal) == true || t == typeof(Type))
        {
            return "Sandbox_Reflection";
        }

        if (_factTypes.Contains(t))
        {
            return "Sandbox_FactMethod";
        }

        if (m.Name == nameof(ToString) || (t == typeof(Convert) && m.Name == nameof(Convert.ToString)) || (t == typeof(string) && m.Name == nameof(string.Format)))
        {
            return "Sandbox_ToText";
        }

        if ((timeType && m.Name.Contains("Parse", StringComparison.Ordinal)) || (t == typeof(Convert) && m.Name == nameof(Convert.ToDateTime)))
        {
            return "Sandbox_TextToDate";
        }

        if (t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(Environment))
        {
            return "Sandbox_Clock";
        }

        if ((IsScalar(t) && m.Name.Contains("Parse", StringComparison.Ordinal)) || (t == typeof(Convert) && fromText))
        {
            return "Sandbox_TextToNumber";
        }

        if (t == typeof(Convert))
        {
            return "Sandbox_NumberConversion";
        }

        return t == typeof(string) ? "Sandbox_TextFunction" : "Sandbox_OtherMethod";
    }

    /// <summary>The resource that says in plain words what a refused kind of expression node does: creating an object or a list, picking
    /// an item by position, testing a type, holding a rule or function as a value (quote), looking members up only at run time (dynamic),
    /// a node the checker cannot read (extension), or a statement (anything else that is not one expression). The node's .NET name is a
    /// detail.</summary>
    private static string RefusedNode(ExpressionType type) => type switch
    {
        ExpressionType.New or ExpressionType.NewArrayBounds or ExpressionType.NewArrayInit or ExpressionType.MemberInit or ExpressionType.ListInit => "Sandbox_Create",
        ExpressionType.Index or ExpressionType.ArrayIndex => "Sandbox_Index",
        ExpressionType.TypeIs or ExpressionType.TypeEqual or ExpressionType.TypeAs => "Sandbox_TypeTest",
        ExpressionType.Quote => "Sandbox_Quote",
        ExpressionType.Dynamic => "Sandbox_LateBound",
        ExpressionType.Extension => "Sandbox_Opaque",
        _ => "Sandbox_Statement",
    };

    /// <summary>The plain words of <paramref name="plain"/> with the .NET names <paramref name="names"/> after them as a detail
    /// (<paramref name="detail"/>), in English and Simplified Chinese.</summary>
    private static DiagnosticText Detail(string detail, string plain, params string[] names) =>
        DiagnosticStrings.Text(detail, [DiagnosticStrings.Text(plain), .. names]);

    /// <summary>Whether reading <paramref name="member"/> of <paramref name="t"/> reads the wall clock or the machine's environment.</summary>
    private static bool IsClock(Type t, string member) =>
        t == typeof(Environment) || ((t == typeof(DateTime) || t == typeof(DateTimeOffset)) && member is "Now" or "UtcNow" or "Today");

    /// <summary>A type as a rule writer would write it: <c>Guid?</c> rather than .NET's <c>Nullable`1</c>.</summary>
    private static string Shown(Type t) => Nullable.GetUnderlyingType(t) is { } inner ? Shown(inner) + "?" : t.Name;

    private void CheckOperatorMethod(MethodInfo? m)
    {
        if (m is not null && !(IsScalar(m.DeclaringType!) || m.DeclaringType == typeof(Math)))
        {
            Add(RuleDiagnosticCodes.SandboxViolation, Detail("Sandbox_DetailOperator", "Sandbox_Operator", $"{m.DeclaringType!.Name}.{m.Name}"));
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

    private void Add(string code, DiagnosticText text)
    {
        if (!_findings.Exists(f => f.Message == text.English))
        {
            _findings.Add(new SandboxFinding(code, text));
        }
    }
}
