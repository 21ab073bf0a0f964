namespace CrmCore.Rules.Explain;

/// <summary>One clause of a rule (an operand of <c>&amp;&amp;</c> / <c>||</c>, or the whole expression) with its value. Immutable.</summary>
/// <param name="Text">The clause with the facts' values, such as <c>AnnualRevenue 620000 &gt;= 500000</c> (English notes such as <c>(no value)</c>).</param>
/// <param name="Value">Whether the clause is true.</param>
/// <param name="Facts">The facts the clause read.</param>
public sealed record ClauseExplanation(string Text, bool Value, IReadOnlyList<FactValue> Facts)
{
    /// <summary>The clause text with its notes in Simplified Chinese (for example <c>（无值）</c> for a missing value); defaults to <see cref="Text"/>.</summary>
    public string TextZhHans { get => field ?? Text; init; }

    /// <summary>The clause text in the given culture: <see cref="TextZhHans"/> for zh-Hans (zh, zh-CN, zh-SG), <see cref="Text"/> otherwise.</summary>
    /// <param name="culture">The culture; the current UI culture when null.</param>
    /// <returns>The text.</returns>
    public string TextIn(System.Globalization.CultureInfo? culture = null) => ExplainLabels.IsChinese(culture ?? System.Globalization.CultureInfo.CurrentUICulture) ? TextZhHans : Text;
}
