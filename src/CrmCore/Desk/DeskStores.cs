namespace CrmCore.Desk;

/// <summary>The stores a <see cref="ServiceDesk"/> reads and writes. <c>AddCrmCore()</c> fills it from the registered stores.</summary>
/// <param name="Tickets">The tickets.</param>
/// <param name="Customers">The customers.</param>
/// <param name="Queue">The durable copy of the waiting queue.</param>
/// <param name="Sequences">The id counters.</param>
/// <param name="Escalations">What was already raised per ticket.</param>
public sealed record DeskStores(ITicketRepository Tickets, ICustomerRepository Customers, IQueueRepository Queue, ISequenceRepository Sequences, IEscalationRepository Escalations)
{
    /// <summary>Groups each command's reads and writes into one transaction; the default <see cref="NoStoreTransactions"/> groups nothing
    /// (right for the in-memory stores). A database storage's registration sets its own.</summary>
    public IStoreTransactions Transactions { get; init; } = NoStoreTransactions.Instance;

    /// <summary>Where the desk keeps its agents and teams (<see cref="ServiceDesk.RegisterAgentAsync"/>, <see cref="ServiceDesk.RestoreAgentsAsync"/>);
    /// in memory unless a database storage's registration sets its own.</summary>
    public Agents.IAgentRepository Agents { get; init; } = new Agents.InMemoryAgentRepository();
    /// <summary>Where the desk reads the asset a ticket is about, for the rules' asset facts (<see cref="TicketView.Asset"/>); null (the
    /// default) gives no asset facts. <c>AddCrmCore()</c> sets the registered <see cref="Assets.IAssetRepository"/>.</summary>
    public Assets.IAssetRepository? Assets { get; init; }

    /// <summary>Counts a model's installed assets and tickets, for the failure rate in the asset facts
    /// (<see cref="Assets.TicketAssetFacts.ModelFailureRate"/>); null (the default) gives no rate. <c>AddCrmCore()</c> sets the registered
    /// <see cref="Assets.IModelTicketCounts"/>.</summary>
    public Assets.IModelTicketCounts? ModelTicketCounts { get; init; }

    /// <summary>A fresh set of in-memory stores (tests, samples, a single process that keeps nothing).</summary>
    /// <returns>New in-memory stores.</returns>
    public static DeskStores InMemory() =>
        new(new InMemoryTicketRepository(), new InMemoryCustomerRepository(), new InMemoryQueueRepository(), new InMemorySequenceRepository(), new InMemoryEscalationRepository());
}
