namespace CrmCore.Rules;

/// <summary>Points given by one rule (Priority or ChurnRisk), with the rule's reason. Immutable.</summary>
/// <param name="Reason">The rule's <c>SuccessEvent</c>.</param>
/// <param name="Points">The points.</param>
/// <param name="Workflow">The workflow name.</param>
/// <param name="Rule">The rule name.</param>
public sealed record ScoredReason(string Reason, decimal Points, string Workflow, string Rule);
