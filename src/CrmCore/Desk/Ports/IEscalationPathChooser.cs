namespace CrmCore.Desk;

/// <summary>
/// A port of the desk: chooses which escalation ladders (paths) apply to a ticket (document 003: by issue type and customer tier).
/// The ladders themselves, with their business-time steps, are the runtime; this only chooses among them. <c>AddCrmRules()</c> puts
/// the rule pack's Escalation workflow here; the default, <see cref="AllLaddersPath"/>, lets every ladder apply. Thread-safe.
/// </summary>
public interface IEscalationPathChooser
{
    /// <summary>Chooses the ladders for a ticket.</summary>
    /// <param name="ticket">The ticket and its customer.</param>
    /// <returns>The ladder names that apply, or null for all ladders of the policy.</returns>
    IReadOnlySet<string>? Choose(TicketView ticket);
}
