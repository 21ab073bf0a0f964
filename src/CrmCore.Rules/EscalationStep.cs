namespace CrmCore.Rules;

/// <summary>An escalation a rule asks for. Immutable.</summary>
/// <param name="Level">The level (1 = first escalation, e.g. supervisor).</param>
/// <param name="Target">Who to escalate to (for example <c>Supervisor</c>).</param>
/// <param name="WithinMinutes">How soon, when the rule says; otherwise null.</param>
/// <param name="Reason">The rule's <c>SuccessEvent</c>.</param>
/// <param name="Rule">The rule name.</param>
public sealed record EscalationStep(int Level, string Target, int? WithinMinutes, string Reason, string Rule);
