namespace CrmCore.Desk;

/// <summary>The default <see cref="IEscalationPathChooser"/>: every ladder of the escalation policy applies. Thread-safe.</summary>
public sealed class AllLaddersPath : IEscalationPathChooser
{
    /// <inheritdoc />
    public IReadOnlySet<string>? Choose(TicketView ticket) => null;
}
