using CrmCore.Desk;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The desk's stores of one provider, plus its outbox.</summary>
public sealed record ProviderStores(
    IOutboxTicketRepository Tickets,
    ISurveyRepository Surveys,
    ICustomerRepository Customers,
    IEscalationRepository Escalations,
    ISequenceRepository Sequences,
    IQueueRepository Queue,
    IOutbox Outbox);
