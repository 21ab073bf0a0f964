using NodaTime;

namespace CrmCore.Tickets;

/// <summary>
/// One entry of a ticket's status history. SLA clocks are computed from the ordered list of these,
/// so that a change of policy or calendar can be recomputed exactly.
/// </summary>
/// <param name="At">When the change happened (from the injected clock).</param>
/// <param name="From">The status before the change; equal to <paramref name="To"/> for the creation entry.</param>
/// <param name="To">The status after the change.</param>
/// <param name="By">Who made the change (an agent id, a system name or a customer marker).</param>
public readonly record struct StatusChange(Instant At, TicketStatus From, TicketStatus To, string By);
