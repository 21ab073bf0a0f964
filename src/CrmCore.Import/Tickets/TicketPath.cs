using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Import.Tickets;

/// <summary>
/// How an imported ticket reaches the status its row gives: the shortest chain of lifecycle moves from where it is (Pending for a new one),
/// each stamped with the row's time for that step (the first response for In progress, the resolution for Resolved, the closing for Closed),
/// never earlier than the step before. So an imported ticket's history is a chain of table moves like any other.
/// </summary>
internal static class TicketPath
{
    /// <summary>The statuses from <paramref name="from"/> to <paramref name="to"/> (excluding <paramref name="from"/>), or null when none leads there.</summary>
    public static IReadOnlyList<TicketStatus>? Find(TicketStatus from, TicketStatus to)
    {
        var previous = new Dictionary<TicketStatus, TicketStatus> { [from] = from };
        var queue = new Queue<TicketStatus>([from]);
        while (queue.Count > 0 && !previous.ContainsKey(to))
        {
            var at = queue.Dequeue();
            foreach (var next in TicketLifecycle.Transitions.Where(t => t.From == at && t.ChangesStatus).Select(t => t.To))
            {
                if (previous.TryAdd(next, at))
                {
                    queue.Enqueue(next);
                }
            }
        }

        if (!previous.ContainsKey(to))
        {
            return null;
        }

        var path = new List<TicketStatus>();
        for (var s = to; s != from; s = previous[s])
        {
            path.Add(s);
        }

        path.Reverse();
        return path;
    }

    /// <summary>The ticket with the path's changes appended to its history.</summary>
    public static TicketState Apply(TicketState ticket, IReadOnlyList<TicketStatus> path, string by)
    {
        if (path.Count == 0)
        {
            return ticket;
        }

        var history = ticket.StatusHistory.ToList();
        var at = history[^1].At;
        var status = ticket.Status;
        foreach (var next in path)
        {
            var stamp = next switch
            {
                TicketStatus.InProgress => ticket.FirstResponseAt ?? ticket.RaisedAt,
                TicketStatus.Resolved or TicketStatus.AwaitingRevisit => ticket.ResolvedAt,
                TicketStatus.Closed or TicketStatus.NoActionNeeded => ticket.ClosedAt ?? ticket.ResolvedAt,
                _ => null,
            };
            at = stamp is { } s && s > at ? s : at;
            history.Add(new StatusChange(at, status, next, by));
            status = next;
        }

        return ticket with { StatusHistory = history, Status = status, LastChangeAt = at > ticket.LastChangeAt ? at : ticket.LastChangeAt };
    }
}
