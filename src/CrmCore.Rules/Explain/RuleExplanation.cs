using System.Globalization;
using System.Text;

namespace CrmCore.Rules.Explain;

/// <summary>Why the rules decided what they did for one customer or ticket. Immutable.</summary>
/// <param name="Rules">Every rule of the explained workflows, in order.</param>
public sealed record RuleExplanation(IReadOnlyList<RuleTrace> Rules)
{
    /// <summary>
    /// Renders the explanation as text lines such as <c>Tiering › TierA (A): held</c> followed by
    /// <c>  AnnualRevenue 620000 &gt;= 500000 is true</c>, in English or zh-Hans. A rule that failed at run time reads
    /// <c>failed: its condition (Expression) divides by zero (counts as not held)</c>.
    /// </summary>
    /// <param name="culture">zh-Hans gives Chinese labels; null uses the current UI culture.</param>
    /// <returns>The text.</returns>
    public string ToText(CultureInfo? culture = null)
    {
        var sb = new StringBuilder();
        foreach (var r in Rules)
        {
            var state = !r.Evaluated ? ExplainLabels.Get("skipped", culture)
                : r.Failure is { } failure ? ExplainLabels.Get("failed", culture) + failure.CauseText(culture) + ExplainLabels.Get("failedEnd", culture)
                : ExplainLabels.Get(r.Held ? "held" : "notHeld", culture);
            sb.Append(CultureInfo.InvariantCulture, $"{r.Workflow} › {r.Rule}{(r.OutcomeIn(culture) is { } outcome ? $" ({outcome})" : string.Empty)}: {state}").Append('\n');
            foreach (var c in r.Clauses)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {c.TextIn(culture)} {ExplainLabels.Get(c.Value ? "true" : "false", culture)}").Append('\n');
            }
        }

        return sb.ToString();
    }
}
