using CrmCore.Calendars;
using CrmCore.Sla;
using NodaTime;

namespace CrmCore.Escalation;

/// <summary>
/// Runs escalation ladders against a ticket's SLA state. A step fires when its time (anchor plus business time, moved to the
/// calendar's next opening) has come and its level was not raised before for that ladder. Pure: the host keeps the
/// <see cref="EscalationTicketState"/>. Thread-safe.
/// </summary>
public sealed class EscalationEngine
{
    /// <summary>Creates an engine.</summary>
    /// <param name="policy">The ladders.</param>
    /// <param name="calendars">Finds the calendars steps are measured on.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public EscalationEngine(EscalationPolicy policy, ICalendarProvider calendars)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendars);
        Policy = policy;
        Calendars = calendars;
    }

    /// <summary>The ladders.</summary>
    public EscalationPolicy Policy { get; }

    /// <summary>The calendar provider.</summary>
    public ICalendarProvider Calendars { get; }

    /// <summary>Runs every matching ladder at an instant.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="sla">Its SLA state at <paramref name="now"/> (from <see cref="SlaEngine.Evaluate(SlaTicket, Instant)"/>).</param>
    /// <param name="state">The levels raised before; <see cref="EscalationTicketState.Empty"/> at first.</param>
    /// <param name="now">The instant (from the injected clock).</param>
    /// <returns>The escalations raised now, the new state and when to check again.</returns>
    /// <exception cref="CrmException">A step names an unknown calendar (<c>CRM-CALENDAR-UNKNOWN</c>).</exception>
    public EscalationResult Evaluate(SlaTicket ticket, SlaTicketState sla, EscalationTicketState state, Instant now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(sla);
        ArgumentNullException.ThrowIfNull(state);
        var raised = new List<EscalationRaised>();
        Instant? next = null;
        var unresolved = sla.Find(SlaMetric.Resolution) is { } resolution
            ? resolution.IsOpen
            : ticket.Status is Tickets.TicketStatus.Pending or Tickets.TicketStatus.InProgress or Tickets.TicketStatus.WaitingForCustomer;
        foreach (var ladder in Policy.Ladders)
        {
            if (!ladder.When.Matches(ticket))
            {
                continue;
            }

            foreach (var step in ladder.Steps)
            {
                if (state.HasRaised(ladder.Name, step.Level) || NotifyAt(ticket, sla, step, unresolved) is not { } at)
                {
                    continue;
                }

                if (at <= now)
                {
                    raised.Add(new EscalationRaised(ticket.Id, ladder.Name, step.Level, step.Target, step.Reason, at));
                    state = state.With(ladder.Name, step.Level);
                }
                else if (next is null || at < next)
                {
                    next = at;
                }
            }
        }

        return new EscalationResult([.. raised], state, next);
    }

    private Instant? NotifyAt(SlaTicket ticket, SlaTicketState sla, EscalationStep step, bool unresolved)
    {
        Instant anchor;
        string calendarName;
        if (step.Anchor == EscalationAnchor.Raised)
        {
            if (!unresolved)
            {
                return null;
            }

            anchor = ticket.RaisedAt;
            calendarName = step.Calendar ?? "default";
        }
        else
        {
            if (sla.Find(step.Metric!.Value) is not { IsOpen: true } metric)
            {
                return null;
            }

            anchor = (step.Anchor == EscalationAnchor.Due ? metric.DueAt : metric.WarningAt)!.Value;
            calendarName = step.Calendar ?? metric.Target.Calendar;
        }

        // Add moves to the next opening even for zero, so a reminder never falls in closed hours unless the calendar is open then.
        return Calendars.Get(calendarName).Add(anchor, step.After);
    }
}
