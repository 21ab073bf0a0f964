using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// Raised for each rule of a customer's workflows that failed at run time while the desk's ports judged the customer (see
/// <see cref="ICustomerRuleFailureSource"/>): by the customer's registration and <see cref="ServiceDesk.ClassifyCustomerAsync"/> for its
/// tier and tags, by <see cref="ServiceDesk.AssessChurnAsync"/> and the daily churn assessment of <see cref="ServiceDesk.AdvanceAsync"/>
/// for its churn-risk factors. The failed rule counts as not held (it gives no tier, tag or factor) and the command goes on all the same;
/// the failure is reported here rather than lost. Immutable.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Workflow">The workflow of the failed rule, for example <c>Tiering</c>.</param>
/// <param name="Rule">The failed rule's name.</param>
/// <param name="Reason">What went wrong in plain English: the rule file's position when known, the rule and the cause.</param>
/// <param name="ReasonZhHans">The same in Simplified Chinese.</param>
public sealed record CustomerRuleFailed(CustomerId CustomerId, Instant OccurredAt, string Workflow, string Rule, string Reason, string ReasonZhHans)
    : DeskRuleFailed(OccurredAt, Workflow, Rule, Reason, ReasonZhHans);
