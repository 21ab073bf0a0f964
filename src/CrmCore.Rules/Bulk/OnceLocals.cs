using System.Linq.Expressions;

namespace CrmCore.Rules.Bulk;

/// <summary>
/// Named locals of a compiled kernel, each assigned once where the kernel asks for it first: the assignments, in that order, form a
/// prologue (before the loop, or at the start of each row or vector step), and the variables are declared by the enclosing block.
/// </summary>
internal sealed class OnceLocals
{
    private readonly Dictionary<string, ParameterExpression> _locals = new(StringComparer.Ordinal);
    private readonly List<Expression> _assignments = [];

    /// <summary>The locals to declare, in the order they were first asked for.</summary>
    public IEnumerable<ParameterExpression> Variables => _locals.Values;

    /// <summary>The assignments, in the order the locals were first asked for.</summary>
    public IReadOnlyList<Expression> Assignments => _assignments;

    /// <summary>The local named <paramref name="name"/>, assigned <paramref name="value"/> (built only the first time).</summary>
    public ParameterExpression Get(string name, Func<Expression> value, string? variableName = null)
    {
        if (!_locals.TryGetValue(name, out var local))
        {
            var init = value();
            local = Expression.Variable(init.Type, variableName ?? name);
            _locals.Add(name, local);
            _assignments.Add(Expression.Assign(local, init));
        }

        return local;
    }
}
