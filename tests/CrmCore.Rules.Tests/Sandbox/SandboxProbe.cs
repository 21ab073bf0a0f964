using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using CrmCore.Rules.Compilation;
using CrmCore.Rules.Facts;

namespace CrmCore.Rules.Tests.Sandbox;

/// <summary>
/// A fact type made for the sandbox table: it has one member of every shape the sandbox must judge (public and private getters,
/// static members, fields, methods, a nested non-fact object), so each rule can be exercised on its own, without the parser's
/// own restrictions standing in front of it.
/// </summary>
#pragma warning disable CA1822, CA1051, CA1024, CA1044, CA2211, CA1805, CA1802, S1144
public sealed class ProbeFacts
{
    public static readonly int StaticReadonlyField = 1;

    public static int StaticMutableField = 1;

    public int InstanceField;

    public int Score { get; init; }

    public int? Optional { get; init; }

    public string Name { get; init; } = string.Empty;

    public TagSet Tags { get; init; } = new(["VIP"]);

    public Wrapper Nested { get; init; } = new();

    public TimeSpan Duration { get; init; }

    public object Boxed { get; init; } = 1;

    public int Hidden { private get; init; }

    public static int Shared { get; } = 1;

    public static IEnumerable<string> Catalog { get; } = ["a"];

    [TimeDependentFact]
    public int AgeMinutes { get; init; }

    public int Twice() => Score * 2;
}

/// <summary>Not a fact type: reachable only through <see cref="ProbeFacts.Nested"/>. Its member names match the ones the sandbox allows on other types.</summary>
public sealed class Wrapper
{
    public int Secret { get; init; }

    public int Length { get; init; }

    public int Count { get; init; }

    public bool HasValue { get; init; }

    public int Value { get; init; }
}
#pragma warning restore CA1822, CA1051, CA1024, CA1044, CA2211, CA1805, CA1802, S1144

/// <summary>Builds expression trees over <see cref="ProbeFacts"/> and runs one sandbox over them.</summary>
internal static class SandboxProbe
{
    public static readonly ParameterExpression Fact = Expression.Parameter(typeof(ProbeFacts), "fact");

    public static ExpressionSandbox Check(Expression body)
    {
        var sandbox = new ExpressionSandbox([typeof(ProbeFacts)], [Fact]);
        sandbox.Visit(body);
        return sandbox;
    }

    public static Expression Prop(string name) => Expression.Property(Fact, name);

    public static Expression Nested(string name) => Expression.Property(Prop(nameof(ProbeFacts.Nested)), name);

    public static Expression Static(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Static) is { } p ? Expression.Property(null, p) : Expression.Field(null, type, name);

    public static Expression Call(Type type, string name, Type[] parameterTypes, Expression? instance, params Expression[] arguments) =>
        Expression.Call(instance, type.GetMethod(name, parameterTypes) ?? throw new MissingMethodException(type.Name, name), arguments);

    public static Expression<Func<string, bool>> StringPredicate(Func<ParameterExpression, Expression> body)
    {
        var t = Expression.Parameter(typeof(string), "t");
        return Expression.Lambda<Func<string, bool>>(body(t), t);
    }
}

/// <summary>An expression node of a kind the sandbox has never seen.</summary>
internal sealed class OpaqueExpression : Expression
{
    public override ExpressionType NodeType => ExpressionType.Extension;

    public override Type Type => typeof(bool);
}

/// <summary>A binder for a dynamic node; the sandbox refuses the node before anything binds it.</summary>
internal sealed class RefusedBinder : CallSiteBinder
{
    public override Expression Bind(object[] args, System.Collections.ObjectModel.ReadOnlyCollection<ParameterExpression> parameters, LabelTarget returnLabel) =>
        throw new NotSupportedException();
}
