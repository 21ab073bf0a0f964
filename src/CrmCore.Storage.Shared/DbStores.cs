using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// The stores both providers build in the same way over their dialect: everything of a storage object but the routing queue, the outbox
/// reader and the publication store, which have provider types of their own. Each provider's storage object holds one
/// (<c>ProviderStorage.cs</c>). Thread-safe.
/// </summary>
/// <param name="sql">The provider's dialect, over the storage's one database.</param>
/// <param name="auditClock">When changes happen, for the customer and contact plan audit records; null turns that audit off.</param>
internal sealed class DbStores(DeskSql sql, IClock? auditClock)
{
    public DbTicketRepository Tickets { get; } = new(sql);

    public DbCustomerRepository Customers { get; } = new(sql, auditClock);

    public DbEscalationRepository Escalations { get; } = new(sql);

    public DbContactPlanRepository ContactPlans { get; } = new(sql, auditClock);

    public DbAssetRepository Assets { get; } = new(sql);

    public DbModelTicketCounts ModelTicketCounts { get; } = new(sql);

    public DbAgentRepository Agents { get; } = new(sql);

    public DbKnowledgeRepository Knowledge { get; } = new(sql);

    public DbSequenceRepository Sequences { get; } = new(sql);

    public DbAuditStore Audit { get; } = new(sql);

    public DbImportLedger ImportLedger { get; } = new(sql);

    public DbPersonalDataScrubber PersonalData { get; } = new(sql);

    public DbChurnHistory ChurnHistory { get; } = new(sql);

    /// <summary>The desk's transactions on the storage's database.</summary>
    public IStoreTransactions Transactions => sql.Source;
}
