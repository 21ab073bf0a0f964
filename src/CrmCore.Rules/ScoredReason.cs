namespace CrmCore.Rules;

/// <summary>Points given by one rule (Priority or ChurnRisk), with the rule's reason. Immutable.</summary>
/// <param name="Reason">The rule's <c>SuccessEvent</c> (English in the default pack).</param>
/// <param name="Points">The points.</param>
/// <param name="Workflow">The workflow name.</param>
/// <param name="Rule">The rule name.</param>
public sealed record ScoredReason(string Reason, decimal Points, string Workflow, string Rule)
{
    /// <summary>
    /// The reason in Simplified Chinese, from the rule's optional <c>Properties.ReasonZhHans</c>, for hosts that show reasons
    /// to Chinese-speaking users; null when the rule gives none (show <see cref="Reason"/> then). Default null.
    /// </summary>
    public string? ReasonZhHans { get; init; }
}
