namespace CrmCore.Tickets;

/// <summary>One row of <see cref="TicketLifecycle.Transitions"/>: in status <paramref name="From"/>, <paramref name="Move"/> is allowed and leads to <paramref name="To"/>.</summary>
/// <param name="From">The status the move is allowed in.</param>
/// <param name="Move">The move.</param>
/// <param name="To">The status after the move; equal to <paramref name="From"/> for moves that keep the status.</param>
public readonly record struct TicketTransition(TicketStatus From, TicketMove Move, TicketStatus To)
{
    /// <summary>True when the move changes the status (and so adds a <see cref="StatusChange"/> to the history).</summary>
    public bool ChangesStatus => From != To;
}
