namespace CrmCore.Rules.Explain;

/// <summary>A fact a clause read and its value. Immutable.</summary>
/// <param name="Name">The fact's name, such as <c>customer.AnnualRevenue</c>.</param>
/// <param name="Value">The value, formatted with the invariant culture (null when the fact has no value).</param>
public sealed record FactValue(string Name, string? Value)
{
    /// <summary>The <see cref="Source"/> of a value recorded on the input rather than computed in this run.</summary>
    public const string Recorded = "recorded";

    /// <summary>
    /// Where a value computed in the same run came from: <c>Workflow › Rule</c> (for example <c>Tiering › TierA</c> for
    /// <c>customer.Tier</c> in a Tagging rule), <see cref="Recorded"/> when no rule computed it, null for a plain input fact.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>The value as text in the given culture: <see cref="Value"/>, or "(no value)" / "（无值）" when the fact has no value.</summary>
    /// <param name="culture">The culture; the current UI culture when null.</param>
    /// <returns>The text.</returns>
    public string ValueIn(System.Globalization.CultureInfo? culture = null) => Value ?? ExplainLabels.Get("null", culture);
}
