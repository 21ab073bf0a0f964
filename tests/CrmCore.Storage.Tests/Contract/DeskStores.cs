using CrmCore.Desk;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The desk's stores of one provider.</summary>
public sealed record DeskStores(
    IOutboxTicketRepository Tickets,
    ISurveyRepository Surveys,
    ICustomerRepository Customers,
    IEscalationRepository Escalations,
    ISequenceRepository Sequences,
    IQueueRepository Queue,
    IOutbox Outbox);
