using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Escalation;

/// <summary>An escalation was raised: notify <see cref="Target"/> about the ticket. Immutable and thread-safe.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Ladder">The ladder's name.</param>
/// <param name="Level">The step's level.</param>
/// <param name="Target">Whom to notify.</param>
/// <param name="Reason">Why, in English.</param>
/// <param name="At">When the notification is due: the step's time moved to the calendar's next opening (no 3 a.m. Sunday reminder
/// unless the calendar is open then).</param>
public sealed record EscalationRaised(TicketId TicketId, string Ladder, int Level, EscalationTarget Target, string Reason, Instant At);
