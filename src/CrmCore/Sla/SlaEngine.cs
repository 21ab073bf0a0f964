using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CrmCore.Calendars;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Sla;

/// <summary>
/// Computes SLA clocks. A ticket's state is a pure function of its <see cref="SlaTicket"/> (status history, raised and response
/// instants), the policy set and the calendars, so after a policy or calendar change every open ticket can be recomputed exactly.
/// Each clock costs O(h log n) for h history entries and n calendar intervals. Thread-safe.
/// </summary>
public sealed class SlaEngine
{
    private readonly FrozenDictionary<SlaMetric, ISlaClockDefinition> _clocks;
    private readonly ISlaClockDefinition[][] _ruleClocks;
    private readonly ISlaClockDefinition[] _defaultClocks;

    /// <summary>Creates an engine.</summary>
    /// <param name="policies">The policy set.</param>
    /// <param name="calendars">Finds the calendars the targets name; looked up at each evaluation so a replaced calendar takes effect.</param>
    /// <param name="clocks">Clock definitions of custom metrics (they may also replace a built-in one). Default: none.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A target's metric has no clock definition.</exception>
    public SlaEngine(SlaPolicySet policies, ICalendarProvider calendars, IEnumerable<ISlaClockDefinition>? clocks = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(calendars);
        Policies = policies;
        Calendars = calendars;
        var map = SlaClockDefinitions.BuiltIn.ToDictionary(c => c.Metric);
        foreach (var c in clocks ?? [])
        {
            map[c.Metric] = c;
        }

        _clocks = map.ToFrozenDictionary();
        foreach (var target in policies.Policies.SelectMany(p => p.Targets))
        {
            if (!_clocks.ContainsKey(target.Metric))
            {
                throw new ArgumentException($"No clock definition for metric '{target.Metric}'; pass an ISlaClockDefinition for it.", nameof(clocks));
            }
        }

        // Resolve each policy's clocks once, so the hot path does no dictionary lookups.
        _ruleClocks = [.. policies.Rules.Select(r => ClocksOf(r.Policy))];
        _defaultClocks = ClocksOf(policies.Default);
    }

    /// <summary>The policy set.</summary>
    public SlaPolicySet Policies { get; }

    /// <summary>The calendar provider.</summary>
    public ICalendarProvider Calendars { get; }

    /// <summary>Computes every clock of a ticket's policy at an instant.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="now">The instant to evaluate at (from the injected clock).</param>
    /// <returns>The state.</returns>
    /// <exception cref="CrmException">A target names an unknown calendar (<c>CRM-CALENDAR-UNKNOWN</c>).</exception>
    /// <exception cref="CalendarHorizonException">An instant is outside a calendar's horizon.</exception>
    public SlaTicketState Evaluate(SlaTicket ticket, Instant now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var index = Policies.SelectIndex(ticket);
        var policy = index < 0 ? Policies.Default : Policies.Rules[index].Policy;
        var clocks = index < 0 ? _defaultClocks : _ruleClocks[index];
        var states = new SlaMetricState[policy.Targets.Length];
        string? lastName = null;
        BusinessCalendar? lastCalendar = null;
        for (var i = 0; i < states.Length; i++)
        {
            var target = policy.Targets[i];
            if (!string.Equals(lastName, target.Calendar, StringComparison.Ordinal))
            {
                lastName = target.Calendar;
                lastCalendar = Calendars.Get(target.Calendar);
            }

            states[i] = Evaluate(ticket, target, clocks[i], lastCalendar!, now);
        }

        return new SlaTicketState(ticket.Id, policy, now, ImmutableCollectionsMarshal.AsImmutableArray(states));
    }

    /// <summary>Computes one clock of a ticket for a given target at an instant.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="target">The target.</param>
    /// <param name="now">The instant to evaluate at.</param>
    /// <returns>The clock's state.</returns>
    /// <exception cref="ArgumentException">The target's metric has no clock definition.</exception>
    /// <exception cref="CrmException">The target names an unknown calendar (<c>CRM-CALENDAR-UNKNOWN</c>).</exception>
    /// <exception cref="CalendarHorizonException">An instant is outside the calendar's horizon.</exception>
    public SlaMetricState Evaluate(SlaTicket ticket, SlaTarget target, Instant now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(target);
        if (!_clocks.TryGetValue(target.Metric, out var clock))
        {
            throw new ArgumentException($"No clock definition for metric '{target.Metric}'.", nameof(target));
        }

        return Evaluate(ticket, target, clock, Calendars.Get(target.Calendar), now);
    }

    private ISlaClockDefinition[] ClocksOf(SlaPolicy policy) => [.. policy.Targets.Select(t => _clocks[t.Metric])];

    private static SlaMetricState Evaluate(SlaTicket ticket, SlaTarget target, ISlaClockDefinition clock, BusinessCalendar calendar, Instant now)
    {
        if (clock.GetBounds(ticket) is not { } bounds || bounds.Start > now)
        {
            return new SlaMetricState(target, SlaClockStatus.NotStarted, null, null, null, null, Duration.Zero, Duration.Zero);
        }

        return Compute(ticket, target, bounds, calendar, now);
    }

    private static SlaMetricState Compute(SlaTicket ticket, SlaTarget target, SlaClockBounds bounds, BusinessCalendar calendar, Instant now)
    {
        var start = bounds.Start;
        var stopped = bounds.Stop is { } stop && stop <= now;
        var end = stopped ? Instant.Max(bounds.Stop!.Value, start) : now;
        var startPos = calendar.PositionOf(start);
        var allowed = target.WorkingDays is { } days
            ? calendar.PositionOf(calendar.AddWorkingDays(start, days)) - startPos
            : target.BusinessTime!.Value.BclCompatibleTicks;
        var warnAllowed = target.Warning.WarningTicks(allowed);

        var history = ticket.History;
        var index = 0;
        var status = TicketStatus.Pending;
        while (index < history.Count && history[index].At <= start)
        {
            status = history[index++].To;
        }

        long elapsed = 0;
        long? duePos = null, warnPos = null;
        var segStartPos = startPos;

        // Assigned before the loop so the code stays valid for any loop condition (mutation testing replaces `true`).
        var segEndPos = startPos;
        while (true)
        {
            var segEnd = index < history.Count && history[index].At < end ? history[index].At : end;
            segEndPos = segEnd == start ? startPos : calendar.PositionOf(segEnd);
            if (Counts(target, bounds, status))
            {
                var counted = segEndPos - segStartPos;
                if (duePos is null && elapsed + counted > allowed)
                {
                    duePos = segStartPos + (allowed - elapsed);
                }

                if (warnPos is null && elapsed + counted > warnAllowed)
                {
                    warnPos = segStartPos + (warnAllowed - elapsed);
                }

                elapsed += counted;
            }

            if (segEnd >= end)
            {
                break;
            }

            status = history[index++].To;
            segStartPos = segEndPos;
        }

        while (index < history.Count && history[index].At <= end)
        {
            status = history[index++].To;
        }

        // Not reached yet: project from the end of the counted time (exact while counting, from now while paused).
        var endPos = segEndPos;
        var due = calendar.InstantAt(duePos ?? endPos + (allowed - elapsed), start);
        var warning = calendar.InstantAt(warnPos ?? endPos + Math.Max(0, warnAllowed - elapsed), start);
        var clockStatus = stopped
            ? (elapsed <= allowed ? SlaClockStatus.Met : SlaClockStatus.Breached)
            : elapsed > allowed ? SlaClockStatus.Breached
            : Counts(target, bounds, status) ? SlaClockStatus.Running : SlaClockStatus.Paused;
        return new SlaMetricState(
            target, clockStatus, start, stopped ? end : null, due, warning, Duration.FromTicks(allowed), Duration.FromTicks(elapsed));
    }

    private static bool Counts(SlaTarget target, SlaClockBounds bounds, TicketStatus status) =>
        !StatusMask.Contains(target.PausedMask | bounds.NotCountingMask, status);
}
