using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// A rule of the rule pack that failed at run time while one of the desk's ports judged a ticket or a customer (its condition or points
/// threw, for example a division by zero). The failed rule counts as not held (it gives no outcome) and the desk's command goes on; the
/// failure is reported on the command's <see cref="DeskResult"/> rather than lost: <see cref="TicketRuleFailed"/> for a ticket's workflows
/// (priority, routing, escalation path), <see cref="CustomerRuleFailed"/> for a customer's (tiering, tagging, churn risk). Immutable.
/// </summary>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Workflow">The workflow of the failed rule, for example <c>Priority</c> or <c>Tiering</c>.</param>
/// <param name="Rule">The failed rule's name.</param>
/// <param name="Reason">What went wrong in plain English: the rule file's position when known, the rule and the cause.</param>
/// <param name="ReasonZhHans">The same in Simplified Chinese, also where .NET has no culture data (invariant globalization mode).</param>
public abstract record DeskRuleFailed(Instant OccurredAt, string Workflow, string Rule, string Reason, string ReasonZhHans) : IDomainEvent
{
    /// <summary>The rule file of the failed expression, or null when unknown. Default null.</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line of the failed expression in <see cref="File"/>; 0 when unknown. Default 0.</summary>
    public int Line { get; init; }

    /// <summary>The 1-based column of the failed expression in <see cref="File"/>; 0 when unknown. Default 0.</summary>
    public int Column { get; init; }

    /// <summary>The reason in the culture's language: <see cref="ReasonZhHans"/> for Simplified Chinese (zh, zh-CN, zh-Hans, zh-SG),
    /// <see cref="Reason"/> otherwise.</summary>
    /// <param name="culture">The culture; null uses the current UI culture.</param>
    /// <returns>The text.</returns>
    public string Describe(System.Globalization.CultureInfo? culture = null) =>
        Localization.TextCultures.IsSimplifiedChinese(culture) ? ReasonZhHans : Reason;
}
