using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// A customer port (<see cref="ICustomerClassifier"/>, <see cref="IChurnFactorSource"/>) whose judgement of a customer can fail in part: a
/// rule that threw at run time counts as not held and the port answers all the same. After the desk asked such a port, it asks it which
/// rules failed and reports each as a <see cref="CustomerRuleFailed"/> event on the command's <see cref="DeskResult"/>. <c>AddCrmRules()</c>'s
/// ports implement it. Implementations must be thread-safe.
/// </summary>
public interface ICustomerRuleFailureSource
{
    /// <summary>The rules that failed while this port classified the customer (<see cref="ICustomerClassifier.Classify"/>, the same view).</summary>
    /// <param name="customer">The customer view, as given to the port.</param>
    /// <param name="at">When the failure is reported (the events' <see cref="IDomainEvent.OccurredAt"/>).</param>
    /// <returns>One event per failed rule, in rule order; empty when none failed.</returns>
    IReadOnlyList<CustomerRuleFailed> ClassificationRuleFailures(CustomerView customer, Instant at);

    /// <summary>The rules that failed while this port listed the customer's churn-risk factors (<see cref="IChurnFactorSource.Factors"/>,
    /// the same view).</summary>
    /// <param name="customer">The customer view, as given to the port.</param>
    /// <param name="at">When the failure is reported (the events' <see cref="IDomainEvent.OccurredAt"/>).</param>
    /// <returns>One event per failed rule, in rule order; empty when none failed.</returns>
    IReadOnlyList<CustomerRuleFailed> ChurnRuleFailures(CustomerView customer, Instant at);
}
