using CrmCore.Routing;
using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// Feeds a <see cref="RoutingStatistics"/> from the desk's events, so a host sees each agent's load and how long tickets waited without
/// recording anything itself: a ticket that entered the queue (<see cref="TicketQueued"/>) and then got an owner
/// (<see cref="TicketOwnerChanged"/>, from <see cref="ServiceDesk.PullNextAsync"/> or <see cref="ServiceDesk.AssignAsync"/>) is one
/// <see cref="Assignment"/>, its wait running from the queueing to the owner change. Register it as an <see cref="IDeskEventSubscriber"/>
/// (<c>services.AddSingleton&lt;IDeskEventSubscriber&gt;(new RoutingStatisticsRecorder(statistics))</c>) before <c>AddCrmCore()</c>
/// resolves the desk.
/// </summary>
/// <remarks>A ticket finished while it waits (closed or needing no action) is forgotten; tickets queued before this recorder saw
/// them (a desk restarted over stored queue entries) are not counted. The ticket of a recorded <see cref="Assignment"/> carries what
/// <see cref="TicketQueued"/> tells (id, group, priority, enqueue time), not its due time or required skills. Memory: one entry per
/// waiting ticket, plus what <see cref="RoutingStatistics"/> keeps. Thread-safe.</remarks>
public sealed class RoutingStatisticsRecorder : IDeskEventSubscriber
{
    private readonly Dictionary<TicketId, TicketQueued> _waiting = [];
    private readonly Lock _gate = new();

    /// <summary>Creates a recorder that adds the desk's assignments to <paramref name="statistics"/>.</summary>
    /// <param name="statistics">Where assignments are recorded.</param>
    /// <exception cref="ArgumentNullException"><paramref name="statistics"/> is null.</exception>
    public RoutingStatisticsRecorder(RoutingStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        Statistics = statistics;
    }

    /// <summary>The statistics the assignments go to.</summary>
    public RoutingStatistics Statistics { get; }

    /// <summary>The number of queued tickets seen that have no owner change yet.</summary>
    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask OnEventsAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_gate)
        {
            foreach (var e in events)
            {
                switch (e)
                {
                    case TicketQueued queued:
                        _waiting[queued.TicketId] = queued;
                        break;
                    case TicketOwnerChanged changed when _waiting.Remove(changed.TicketId, out var queued):
                        var ticket = new QueuedTicket(queued.TicketId, queued.Group, queued.Priority, null, null, queued.OccurredAt);
                        Statistics.Record(new Assignment(ticket, changed.NewOwner, changed.OccurredAt));
                        break;
                    case TicketStatusChanged { To: TicketStatus.Closed or TicketStatus.NoActionNeeded } finished:
                        _waiting.Remove(finished.TicketId);
                        break;
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}
