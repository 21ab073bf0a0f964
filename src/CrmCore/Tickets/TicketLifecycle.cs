using System.Collections.Frozen;

namespace CrmCore.Tickets;

/// <summary>
/// The ticket lifecycle as one explicit table. The main path is Pending → InProgress → Resolved → AwaitingRevisit → Closed;
/// Pending and InProgress may end as NoActionNeeded; InProgress and WaitingForCustomer alternate; Resolved may close directly when
/// the customer confirms; Resolved, AwaitingRevisit and Closed may reopen to InProgress within <see cref="TicketOptions.ReopenWindow"/>.
/// Guards that depend on more than the status (closing needs a confirmation or a completed revisit, reopening needs the window)
/// are checked by <see cref="Ticket"/>. Thread-safe (immutable).
/// </summary>
public static class TicketLifecycle
{
    private static readonly FrozenDictionary<(TicketStatus From, TicketMove Move), TicketStatus> Targets;

    static TicketLifecycle()
    {
        const TicketStatus Pending = TicketStatus.Pending;
        const TicketStatus InProgress = TicketStatus.InProgress;
        const TicketStatus Waiting = TicketStatus.WaitingForCustomer;
        const TicketStatus Resolved = TicketStatus.Resolved;
        const TicketStatus Revisit = TicketStatus.AwaitingRevisit;
        const TicketStatus Closed = TicketStatus.Closed;
        const TicketStatus NoAction = TicketStatus.NoActionNeeded;

        TicketTransition[] rows =
        [
            // Status changes.
            new(Pending, TicketMove.Start, InProgress),
            new(Pending, TicketMove.MarkNoActionNeeded, NoAction),
            new(InProgress, TicketMove.MarkNoActionNeeded, NoAction),
            new(InProgress, TicketMove.WaitForCustomer, Waiting),
            new(Waiting, TicketMove.ResumeWork, InProgress),
            new(InProgress, TicketMove.Resolve, Resolved),
            new(Resolved, TicketMove.ScheduleRevisit, Revisit),
            new(Resolved, TicketMove.Close, Closed),
            new(Revisit, TicketMove.Close, Closed),
            new(Resolved, TicketMove.Reopen, InProgress),
            new(Revisit, TicketMove.Reopen, InProgress),
            new(Closed, TicketMove.Reopen, InProgress),

            // Moves that keep the status.
            new(Resolved, TicketMove.ConfirmResolution, Resolved),
            new(Revisit, TicketMove.ConfirmResolution, Revisit),
            new(Revisit, TicketMove.CompleteRevisit, Revisit),
            new(Pending, TicketMove.Reassign, Pending),
            new(InProgress, TicketMove.Reassign, InProgress),
            new(Waiting, TicketMove.Reassign, Waiting),
            new(Resolved, TicketMove.Reassign, Resolved),
            new(Revisit, TicketMove.Reassign, Revisit),
            new(Pending, TicketMove.RespondToCustomer, Pending),
            new(InProgress, TicketMove.RespondToCustomer, InProgress),
            new(Waiting, TicketMove.RespondToCustomer, Waiting),
            new(Resolved, TicketMove.RespondToCustomer, Resolved),
            new(Revisit, TicketMove.RespondToCustomer, Revisit),
            new(Resolved, TicketMove.RecordSatisfaction, Resolved),
            new(Revisit, TicketMove.RecordSatisfaction, Revisit),
            new(Closed, TicketMove.RecordSatisfaction, Closed),
        ];

        Transitions = rows.AsReadOnly();
        Targets = rows.ToFrozenDictionary(r => (r.From, r.Move), r => r.To);
    }

    /// <summary>Every allowed (status, move, resulting status) row. A move absent for a status is not allowed in it.</summary>
    public static IReadOnlyList<TicketTransition> Transitions { get; }

    /// <summary>Looks up where a move leads.</summary>
    /// <param name="from">The current status.</param>
    /// <param name="move">The move.</param>
    /// <param name="to">The resulting status when allowed.</param>
    /// <returns>True when the table allows <paramref name="move"/> in <paramref name="from"/>.</returns>
    public static bool TryGetTarget(TicketStatus from, TicketMove move, out TicketStatus to) => Targets.TryGetValue((from, move), out to);

    /// <summary>True when the table allows <paramref name="move"/> in <paramref name="from"/> (guards aside).</summary>
    /// <param name="from">The current status.</param>
    /// <param name="move">The move.</param>
    /// <returns>Whether the move is listed for the status.</returns>
    public static bool IsAllowed(TicketStatus from, TicketMove move) => Targets.ContainsKey((from, move));

    /// <summary>The moves listed for a status, in table order.</summary>
    /// <param name="from">The current status.</param>
    /// <returns>The allowed moves.</returns>
    public static IEnumerable<TicketMove> MovesFrom(TicketStatus from) => Transitions.Where(t => t.From == from).Select(t => t.Move);

    /// <summary>True for Closed and NoActionNeeded: no work is left (a Closed ticket may still be reopened within the window).</summary>
    /// <param name="status">The status.</param>
    /// <returns>Whether the status ends the work.</returns>
    public static bool IsFinished(TicketStatus status) => status is TicketStatus.Closed or TicketStatus.NoActionNeeded;

    /// <summary>True for Pending, InProgress and WaitingForCustomer: an agent who owns a ticket in one of these holds one of its slots for
    /// it, from the take to the resolution (and again after a reopen). A waiting ticket is Pending too, owned by the desk's queue owner.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Whether the ticket's owner holds a slot for it.</returns>
    public static bool HoldsOwnerSlot(TicketStatus status) => status is TicketStatus.Pending or TicketStatus.InProgress or TicketStatus.WaitingForCustomer;
}
