using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace CrmCore.Calendars;

/// <summary>
/// The outcome of loading configuration (a calendar, an SLA policy set, an escalation policy): the value, or every problem found
/// with its location. Immutable and thread-safe.
/// </summary>
/// <typeparam name="T">The loaded type.</typeparam>
public sealed class LoadResult<T>
    where T : class
{
    internal LoadResult(T? value, ImmutableArray<LoadProblem> problems)
    {
        Value = problems.IsDefaultOrEmpty ? value : null;
        Problems = problems.IsDefault ? [] : problems;
    }

    /// <summary>The loaded value; null when <see cref="Problems"/> is not empty.</summary>
    public T? Value { get; }

    /// <summary>Every problem found, each with its location; empty on success.</summary>
    public ImmutableArray<LoadProblem> Problems { get; }

    /// <summary>True when the value was loaded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Success => Value is not null;

    /// <summary>Returns the value or throws with every problem listed.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="CrmException">Loading failed (code <c>CRM-CONFIG-INVALID</c>).</exception>
    public T GetValueOrThrow() => Value ?? throw CrmException.Worded(
        "CRM-CONFIG-INVALID", "Error_ConfigurationInvalid", culture => [typeof(T).Name, LoadProblem.Lines(Problems, culture)]);
}
