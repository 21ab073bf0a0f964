using System.Collections.Immutable;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Sla;

/// <summary>
/// Where an SLA clock starts and stops for one ticket, as found by an <see cref="ISlaClockDefinition"/>. The clock runs from
/// <see cref="Start"/> to <see cref="Stop"/> (or now), except while the ticket is in a status the target pauses or in
/// <see cref="NotCountingIn"/>. Immutable and thread-safe.
/// </summary>
/// <param name="Start">When the clock starts (it first counts at the calendar's next opening).</param>
/// <param name="Stop">When the clock stopped; null while it has not.</param>
/// <param name="NotCountingIn">Statuses in which this metric never counts, whatever the policy (for example the resolved statuses for
/// resolution, so a reopened ticket resumes its clock).</param>
public readonly record struct SlaClockBounds(Instant Start, Instant? Stop, ImmutableHashSet<TicketStatus> NotCountingIn);
