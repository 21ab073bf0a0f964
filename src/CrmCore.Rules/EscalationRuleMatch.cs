namespace CrmCore.Rules;

/// <summary>
/// A rule of the pack's <c>Escalation</c> workflow that held for a ticket: which escalation ladder (path) it chooses. The ladder's
/// levels, targets and business times are not restated here: they are the <see cref="CrmCore.Escalation.EscalationStep"/>s of the
/// <see cref="CrmCore.Escalation.EscalationLadder"/> of that name, run by <see cref="CrmCore.Escalation.EscalationEngine"/>. Immutable.
/// </summary>
/// <param name="Ladder">The ladder's name (<c>Properties.Ladder</c>).</param>
/// <param name="Reason">The rule's <c>SuccessEvent</c>: why this path applies.</param>
/// <param name="Rule">The rule name.</param>
public sealed record EscalationRuleMatch(string Ladder, string Reason, string Rule);
