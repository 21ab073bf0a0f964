namespace CrmCore.Assets;

/// <summary>
/// How many assets of one model were installed and how many tickets were raised about them in a window: what
/// <see cref="TicketAssetFacts.FailureRate"/> turns into the model's failure rate. Read from an <see cref="IModelTicketCounts"/>. Immutable.
/// </summary>
public readonly record struct ModelTicketCount
{
    /// <summary>Creates the counts.</summary>
    /// <param name="installed">Assets of the model installed by the day the window ends; not negative.</param>
    /// <param name="tickets">Tickets about those assets raised in the window; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public ModelTicketCount(int installed, int tickets)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(installed);
        ArgumentOutOfRangeException.ThrowIfNegative(tickets);
        Installed = installed;
        Tickets = tickets;
    }

    /// <summary>Assets of the model installed by the day the window ends.</summary>
    public int Installed { get; }

    /// <summary>Tickets about assets of the model raised in the window.</summary>
    public int Tickets { get; }
}
