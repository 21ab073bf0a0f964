using System.Collections.Immutable;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Sla;

/// <summary>The built-in clock definitions of the well-known metrics (documented in docs/sla.md).</summary>
internal static class SlaClockDefinitions
{
    private static readonly ImmutableHashSet<TicketStatus> Done =
        [TicketStatus.Resolved, TicketStatus.AwaitingRevisit, TicketStatus.Closed, TicketStatus.NoActionNeeded];

    private static readonly uint DoneMask = StatusMask.Of(Done);

    public static ImmutableArray<ISlaClockDefinition> BuiltIn { get; } =
    [
        new Clock(SlaMetric.FirstResponse, t => new SlaClockBounds(t.RaisedAt, t.FirstResponseAt ?? FirstEntryIntoDone(t), [], 0)),
        new Clock(SlaMetric.Resolution, t => new SlaClockBounds(t.RaisedAt, StatusMask.Contains(DoneMask, t.Status) ? LastRunStart(t) : null, Done, DoneMask)),
        new Clock(SlaMetric.NextResponse, t => t.AwaitingReplySince is { } since ? new SlaClockBounds(since, null, [], 0) : null),
        new Clock(SlaMetric.Revisit, Revisit),
    ];

    private static SlaClockBounds? Revisit(SlaTicket t)
    {
        // From the latest resolution (entry into Resolved/AwaitingRevisit from an unresolved status) to the following close.
        var status = t.Status;
        if (status is not (TicketStatus.Resolved or TicketStatus.AwaitingRevisit or TicketStatus.Closed))
        {
            return null;
        }

        Instant? start = null;
        Instant? stop = null;
        var previous = TicketStatus.Pending;
        foreach (var change in t.History)
        {
            if (change.To is TicketStatus.Resolved or TicketStatus.AwaitingRevisit && previous is not (TicketStatus.Resolved or TicketStatus.AwaitingRevisit))
            {
                start = change.At;
                stop = null;
            }
            else if (change.To == TicketStatus.Closed && start is not null && stop is null)
            {
                stop = change.At;
            }

            previous = change.To;
        }

        return start is { } s ? new SlaClockBounds(s, stop, [], 0) : null;
    }

    private static Instant? FirstEntryIntoDone(SlaTicket t)
    {
        foreach (var change in t.History)
        {
            if (StatusMask.Contains(DoneMask, change.To))
            {
                return change.At;
            }
        }

        return null;
    }

    private static Instant? LastRunStart(SlaTicket t)
    {
        Instant? start = null;
        var previousIn = false;
        foreach (var change in t.History)
        {
            var isIn = StatusMask.Contains(DoneMask, change.To);
            if (isIn && !previousIn)
            {
                start = change.At;
            }

            previousIn = isIn;
        }

        return start;
    }

    private sealed class Clock(SlaMetric metric, Func<SlaTicket, SlaClockBounds?> bounds) : ISlaClockDefinition
    {
        public SlaMetric Metric => metric;

        public SlaClockBounds? GetBounds(SlaTicket ticket) => bounds(ticket);
    }
}
