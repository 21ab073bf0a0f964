namespace CrmCore.Rules;

/// <summary>A rule that held for an item. Immutable.</summary>
/// <param name="Workflow">The workflow name.</param>
/// <param name="Kind">The workflow kind.</param>
/// <param name="Rule">The rule name.</param>
/// <param name="SuccessEvent">The rule's <c>SuccessEvent</c>, if any.</param>
public sealed record FiredRule(string Workflow, WorkflowKind Kind, string Rule, string? SuccessEvent);
