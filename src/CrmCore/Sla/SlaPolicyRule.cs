namespace CrmCore.Sla;

/// <summary>One ordered entry of an <see cref="SlaPolicySet"/>: when the condition matches, the policy applies. Immutable and thread-safe.</summary>
/// <param name="Condition">The condition.</param>
/// <param name="Policy">The policy chosen when it matches.</param>
public sealed record SlaPolicyRule(ISlaCondition Condition, SlaPolicy Policy);
