namespace CrmCore.Rules;

/// <summary>
/// A rule of the pack's <c>Escalation</c> workflow that matched a ticket: which level and target the rule names. It is the rule's
/// output, not a step of the runtime ladders (those are <see cref="CrmCore.Escalation.EscalationStep"/>, run by
/// <see cref="CrmCore.Escalation.EscalationEngine"/> in business time). Immutable.
/// </summary>
/// <param name="Level">The level (1 = first escalation, e.g. supervisor).</param>
/// <param name="Target">Who to escalate to (for example <c>Supervisor</c>).</param>
/// <param name="WithinMinutes">How soon, when the rule says; otherwise null.</param>
/// <param name="Reason">The rule's <c>SuccessEvent</c>.</param>
/// <param name="Rule">The rule name.</param>
public sealed record EscalationRuleMatch(int Level, string Target, int? WithinMinutes, string Reason, string Rule);
