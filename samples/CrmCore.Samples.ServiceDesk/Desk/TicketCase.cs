using CrmCore.Escalation;
using CrmCore.Samples.ServiceDesk.Data;
using CrmCore.Tickets;

namespace CrmCore.Samples.ServiceDesk.Desk;

/// <summary>The sample's bookkeeping around one ticket: the domain ticket plus what the simulation needs.</summary>
internal sealed class TicketCase(Ticket ticket, TicketSeed seed, CustomerCase customer, string team)
{
    public Ticket Ticket { get; } = ticket;

    public TicketSeed Seed { get; } = seed;

    public CustomerCase Customer { get; } = customer;

    /// <summary>The routing target from the rules.</summary>
    public string Team { get; set; } = team;

    /// <summary>The agent who worked it last.</summary>
    public string Agent { get; set; } = string.Empty;

    public bool Reopened { get; set; }

    public int Contacts { get; set; } = 1;

    public EscalationTicketState Escalation { get; set; } = EscalationTicketState.Empty;
}
