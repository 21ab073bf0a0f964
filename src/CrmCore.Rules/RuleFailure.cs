namespace CrmCore.Rules;

/// <summary>
/// A rule whose expression (predicate or points) threw at run time. Such a rule does not hold (or gives 0 points) so that one
/// bad item never aborts a batch; this record makes the failure visible. Immutable.
/// </summary>
/// <param name="Workflow">The workflow name.</param>
/// <param name="Rule">The rule name.</param>
/// <param name="ExceptionType">The full name of the exception's type (for example <c>System.DivideByZeroException</c>).</param>
/// <param name="Message">The exception's message.</param>
public sealed record RuleFailure(string Workflow, string Rule, string ExceptionType, string Message)
{
    /// <summary>Describes an exception thrown by a rule.</summary>
    /// <param name="workflow">The workflow name.</param>
    /// <param name="rule">The rule name.</param>
    /// <param name="exception">The exception the rule threw.</param>
    /// <returns>The failure.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static RuleFailure From(string workflow, string rule, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(exception);
        return new RuleFailure(workflow, rule, exception.GetType().FullName ?? exception.GetType().Name, exception.Message);
    }
}
