namespace CrmCore.Sla;

/// <summary>
/// Decides whether an SLA policy (or an escalation ladder) applies to a ticket. The rules package supplies a rule-backed
/// implementation; <see cref="PredicateSlaCondition"/> and <see cref="TicketCriteria"/> are the plain ones. Implementations must be
/// thread-safe and side-effect free.
/// </summary>
public interface ISlaCondition
{
    /// <summary>A name shown in explanations, for example <c>urgent or major</c>.</summary>
    string Name { get; }

    /// <summary>Whether the condition holds for the ticket.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <returns>True when it holds.</returns>
    bool Matches(SlaTicket ticket);
}
