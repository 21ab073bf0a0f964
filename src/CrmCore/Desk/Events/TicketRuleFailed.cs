using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// Raised with a new ticket for each rule that failed at run time while the desk's ports judged it (a rule of the rule pack whose
/// condition or points threw, for example a division by zero: see <see cref="ITicketRuleFailureSource"/>). The failed rule counts as
/// not held (it gives no priority points, route or ladder) and the ticket is raised all the same; the failure is reported here rather
/// than lost. Immutable.
/// </summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Workflow">The workflow of the failed rule, for example <c>Priority</c>.</param>
/// <param name="Rule">The failed rule's name.</param>
/// <param name="Reason">What went wrong in plain English: the rule file's position when known, the rule and the cause.</param>
/// <param name="ReasonZhHans">The same in Simplified Chinese.</param>
public sealed record TicketRuleFailed(TicketId TicketId, Instant OccurredAt, string Workflow, string Rule, string Reason, string ReasonZhHans) : IDomainEvent
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
