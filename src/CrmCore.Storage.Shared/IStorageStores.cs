using CrmCore.Desk;
using CrmCore.Identifiers;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>What a database provider's storage object offers, so that one registration serves both providers.</summary>
internal interface IStorageStores
{
    IOutboxTicketRepository Tickets { get; }

    ISurveyRepository Surveys { get; }

    ICustomerRepository Customers { get; }

    IEscalationRepository Escalations { get; }

    ISequenceRepository Sequences { get; }

    Relationships.IContactPlanRepository ContactPlans { get; }

    Assets.IAssetRepository Assets { get; }

    Assets.IModelTicketCounts ModelTicketCounts { get; }

    Agents.IAgentRepository Agents { get; }
    Knowledge.IKnowledgeRepository Knowledge { get; }

    ITicketQueueStore QueueStore { get; }

    IQueueRepository QueueRepository { get; }

    IOutbox Outbox { get; }

    IPublicationStore Publications { get; }

    Audit.IAuditStore Audit { get; }

    IStoreTransactions Transactions { get; }

    Churn.IChurnHistory ChurnHistory { get; }
    Imports.IImportLedger ImportLedger { get; }

    IIdGenerator<TId> IdGenerator<TId>(IdPattern pattern, IClock clock, DateTimeZone zone, Func<string, TId> create);
}
