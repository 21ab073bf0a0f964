using CrmCore.Benchmarks.Calendars;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Benchmarks.Sla;

/// <summary>
/// The baseline SLA recompute: the same clock rules (built-in start/stop, pause statuses), but each counting segment is measured
/// and the due time found by walking the calendar day by day.
/// </summary>
internal sealed class DayWalkSlaEvaluator(SlaPolicySet policies, DayWalkCalendar calendar)
{
    private readonly Dictionary<SlaMetric, ISlaClockDefinition> _clocks = SlaClockDefinitions.BuiltIn.ToDictionary(c => c.Metric);

    /// <summary>Returns the due instants of the ticket's clocks (NotStarted clocks give the default instant).</summary>
    public Instant[] Evaluate(SlaTicket ticket, Instant now)
    {
        var policy = policies.Select(ticket);
        var result = new Instant[policy.Targets.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var target = policy.Targets[i];
            if (_clocks[target.Metric].GetBounds(ticket) is not { } bounds || bounds.Start > now)
            {
                continue;
            }

            var end = bounds.Stop is { } stop && stop <= now ? stop : now;
            var allowed = target.WorkingDays is { } days
                ? calendar.Between(bounds.Start, calendar.AddWorkingDays(bounds.Start, days))
                : target.BusinessTime!.Value;
            var elapsed = Duration.Zero;
            Instant? due = null;
            var segStart = bounds.Start;
            var status = ticket.StatusAt(bounds.Start);
            foreach (var change in ticket.History.Where(c => c.At > bounds.Start && c.At < end).Append(new StatusChange(end, status, status, "")))
            {
                if (!target.PausedIn.Contains(status) && !bounds.NotCountingIn.Contains(status))
                {
                    var counted = calendar.Between(segStart, change.At);
                    if (due is null && elapsed + counted > allowed)
                    {
                        due = calendar.Add(segStart, allowed - elapsed);
                    }

                    elapsed += counted;
                }

                segStart = change.At;
                status = change.To;
            }

            result[i] = due ?? calendar.Add(end, allowed - elapsed);
        }

        return result;
    }
}
