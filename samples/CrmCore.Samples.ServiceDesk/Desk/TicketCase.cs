using CrmCore.Samples.ServiceDesk.Data;
using CrmCore.Tickets;

namespace CrmCore.Samples.ServiceDesk.Desk;

/// <summary>The sample's bookkeeping around one ticket the desk holds: its seed and what the simulation needs.</summary>
internal sealed class TicketCase(TicketId id, TicketSeed seed, CustomerCase customer)
{
    public TicketId Id { get; } = id;

    /// <summary>The ticket as the desk stored it at month end (restored from its state).</summary>
    public Ticket Ticket { get; set; } = null!;

    public TicketSeed Seed { get; } = seed;

    public CustomerCase Customer { get; } = customer;

    /// <summary>The agent who worked it last.</summary>
    public string Agent { get; set; } = string.Empty;

    public bool Reopened { get; set; }
}
