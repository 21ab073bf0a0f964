using CrmCore.Desk;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The desk's stores of one provider, plus its outbox, its publications and its per-command transactions.</summary>
public sealed record ProviderStores(
    IOutboxTicketRepository Tickets,
    ISurveyRepository Surveys,
    ICustomerRepository Customers,
    IEscalationRepository Escalations,
    ISequenceRepository Sequences,
    IQueueRepository Queue,
    IOutbox Outbox)
{
    /// <summary>The provider's <see cref="IStoreTransactions"/> (none for the in-memory stores).</summary>
    public IStoreTransactions Transactions { get; init; } = NoStoreTransactions.Instance;

    /// <summary>The provider's contact plan store over the same storage as <see cref="Transactions"/> (its saves join the desk's
    /// transactions); not registered by <see cref="AddTo"/>.</summary>
    public CrmCore.Relationships.IContactPlanRepository? Plans { get; init; }

    /// <summary>The provider's publication store over the same storage as <see cref="Transactions"/>.</summary>
    public required IPublicationStore Publications { get; init; }

    /// <summary>The provider's batch of new tickets (<c>SaveNewTicketsAsync</c>) over the same storage as <see cref="Transactions"/> (it
    /// joins the desk's transactions); none for the in-memory stores.</summary>
    public Func<IReadOnlyList<(CrmCore.Tickets.TicketState State, IReadOnlyList<CrmCore.IDomainEvent> Events)>, Task>? SaveNewTickets { get; init; }

    /// <summary>Registers these stores for <c>AddCrmCore()</c>'s desk (a later registration of one of them wins).</summary>
    public IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddSingleton<ITicketRepository>(Tickets);
        services.AddSingleton(Customers);
        services.AddSingleton(Queue);
        services.AddSingleton(Sequences);
        services.AddSingleton(Escalations);
        services.AddSingleton(Transactions);
        return services;
    }
}
