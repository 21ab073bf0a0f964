namespace CrmCore.Rules;

/// <summary>Data of <see cref="RuleSet.RuleFailed"/>: a rule threw while a customer or ticket was evaluated. Immutable.</summary>
public sealed class RuleFailedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="failure">The failure.</param>
    /// <param name="exception">The exception the rule threw.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public RuleFailedEventArgs(RuleFailure failure, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(exception);
        Failure = failure;
        Exception = exception;
    }

    /// <summary>The rule, workflow, exception type and message.</summary>
    public RuleFailure Failure { get; }

    /// <summary>The exception the rule threw (for logging with its stack trace).</summary>
    public Exception Exception { get; }
}
