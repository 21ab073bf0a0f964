using System.Collections.Immutable;
using NodaTime;

namespace CrmCore.Escalation;

/// <summary>The outcome of running the escalation ladders for one ticket. Immutable and thread-safe.</summary>
/// <param name="Raised">The escalations raised now, by ladder then level.</param>
/// <param name="State">The ticket's new escalation state (store it for the next run).</param>
/// <param name="NextCheckAt">The earliest instant a further step could fire if nothing changes; null when none can.</param>
public sealed record EscalationResult(ImmutableArray<EscalationRaised> Raised, EscalationTicketState State, Instant? NextCheckAt);
