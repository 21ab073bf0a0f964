namespace CrmCore.Rules.Explain;

/// <summary>One rule in an explanation. Immutable.</summary>
/// <param name="Workflow">The workflow name.</param>
/// <param name="Kind">The workflow kind.</param>
/// <param name="Rule">The rule name.</param>
/// <param name="SuccessEvent">The rule's <c>SuccessEvent</c> (tier, tag, reason or target).</param>
/// <param name="Evaluated">False when a first-match workflow (Tiering, Routing) had already decided.</param>
/// <param name="Held">Whether the rule held (false when not evaluated, and false when it failed: see <see cref="Failure"/>).</param>
/// <param name="Clauses">The clauses with their values (empty when not evaluated).</param>
public sealed record RuleTrace(string Workflow, WorkflowKind Kind, string Rule, string? SuccessEvent, bool Evaluated, bool Held, IReadOnlyList<ClauseExplanation> Clauses)
{
    /// <summary>
    /// Why the rule failed, or null: its condition or its points threw, or its points would overflow the total. A failed rule
    /// counts as not held (<see cref="Held"/> is false) and its outcome and points are not used. Default null.
    /// </summary>
    public RuleFailure? Failure { get; init; }

    /// <summary>Whether the rule failed at run time (<see cref="Failure"/> is set).</summary>
    public bool Failed => Failure is not null;

    /// <summary>The rule's <c>Properties.ReasonZhHans</c> (Priority and ChurnRisk reasons in Simplified Chinese), or null. Default null.</summary>
    public string? ReasonZhHans { get; init; }

    /// <summary>The outcome to show in a culture: <see cref="ReasonZhHans"/> for zh-Hans when there is one, else <see cref="SuccessEvent"/>.</summary>
    /// <param name="culture">The culture; the current UI culture when null.</param>
    /// <returns>The outcome text, or null when the rule has none.</returns>
    public string? OutcomeIn(System.Globalization.CultureInfo? culture = null)
        => ReasonZhHans is { } zh && ExplainLabels.IsChinese(culture ?? System.Globalization.CultureInfo.CurrentUICulture) ? zh : SuccessEvent;
}
