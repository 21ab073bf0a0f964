using System.Collections.Immutable;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Sla;

/// <summary>
/// Where an SLA clock starts and stops for one ticket, as found by an <see cref="ISlaClockDefinition"/>. The clock runs from
/// <see cref="Start"/> to <see cref="Stop"/> (or now), except while the ticket is in a status the target pauses or in
/// <see cref="NotCountingIn"/>. Immutable and thread-safe.
/// </summary>
public readonly record struct SlaClockBounds
{
    /// <summary>Creates bounds.</summary>
    /// <param name="start">When the clock starts (it first counts at the calendar's next opening).</param>
    /// <param name="stop">When the clock stopped; null while it has not.</param>
    /// <param name="notCountingIn">Statuses in which this metric never counts, whatever the policy (for example the resolved
    /// statuses for resolution, so a reopened ticket resumes its clock). Default: none.</param>
    public SlaClockBounds(Instant start, Instant? stop, ImmutableHashSet<TicketStatus>? notCountingIn = null)
        : this(start, stop, notCountingIn ?? [], StatusMask.Of(notCountingIn))
    {
    }

    internal SlaClockBounds(Instant start, Instant? stop, ImmutableHashSet<TicketStatus> notCountingIn, uint mask)
    {
        Start = start;
        Stop = stop;
        NotCountingIn = notCountingIn;
        NotCountingMask = mask;
    }

    /// <summary>When the clock starts.</summary>
    public Instant Start { get; }

    /// <summary>When the clock stopped; null while it has not.</summary>
    public Instant? Stop { get; }

    /// <summary>Statuses in which this metric never counts.</summary>
    public ImmutableHashSet<TicketStatus> NotCountingIn { get => field ?? []; }

    /// <summary><see cref="NotCountingIn"/> as a bit mask by status value.</summary>
    internal uint NotCountingMask { get; }
}
