namespace CrmCore.Rules.Explain;

/// <summary>One clause of a rule (an operand of <c>&amp;&amp;</c> / <c>||</c>, or the whole expression) with its value. Immutable.</summary>
/// <param name="Text">The clause with the facts' values, such as <c>AnnualRevenue 620000 &gt;= 500000</c>.</param>
/// <param name="Value">Whether the clause is true.</param>
/// <param name="Facts">The facts the clause read.</param>
public sealed record ClauseExplanation(string Text, bool Value, IReadOnlyList<FactValue> Facts);
