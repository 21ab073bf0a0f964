using CrmCore.Desk;
using CrmCore.Identifiers;
using NodaTime;

// The members SqliteStorage and PostgreSqlStorage share, written once: a public class cannot derive from the internal shared code, so
// this file is a part of each provider's storage class, named by the provider's build constant (its project's DefineConstants). The
// provider's own part (SqliteStorage.cs, PostgreSqlStorage.cs) has the documentation of the type, the constructors, which build
// _stores over the provider's dialect and the provider's queue, outbox and publication store, and what differs: the types of Queue
// and Database, and the id generator.
#if CRMCORE_STORAGE_SQLITE
namespace CrmCore.Storage.Sqlite;

public sealed partial class SqliteStorage
#elif CRMCORE_STORAGE_POSTGRESQL
namespace CrmCore.Storage.PostgreSql;

public sealed partial class PostgreSqlStorage
#else
#error A storage provider's project defines CRMCORE_STORAGE_SQLITE or CRMCORE_STORAGE_POSTGRESQL.
#endif
    : IStorageStores, IDisposable, IAsyncDisposable
{
    private readonly DbStores _stores;

    /// <summary>Tickets with their status history and survey; saves can carry the ticket's events to the outbox.</summary>
    public IOutboxTicketRepository Tickets => _stores.Tickets;

    /// <summary>The survey answers recorded on tickets (read side).</summary>
    public ISurveyRepository Surveys => _stores.Tickets;

    /// <summary>Customers.</summary>
    public ICustomerRepository Customers => _stores.Customers;

    /// <summary>Contact plan entries and contact records (客户沟通计划表, 沟通记录).</summary>
    public Relationships.IContactPlanRepository ContactPlans => _stores.ContactPlans;

    /// <summary>The installed base (document 004): assets with their hierarchy and maintenance history.</summary>
    public Assets.IAssetRepository Assets => _stores.Assets;

    /// <summary>Counts a model's installed assets and tickets in one query, for the desk's model failure rate.</summary>
    public Assets.IModelTicketCounts ModelTicketCounts => _stores.ModelTicketCounts;

    /// <summary>Agents with their skills, capacity, shift, availability and temporary teams, and the teams (tables <c>agent</c>, <c>team</c>).</summary>
    public Agents.IAgentRepository Agents => _stores.Agents;

    /// <summary>The knowledge base: articles and the marks of articles that solved tickets.</summary>
    public Knowledge.IKnowledgeRepository Knowledge => _stores.Knowledge;

    /// <summary>What was already raised per ticket (warnings, escalation levels, reminders).</summary>
    public IEscalationRepository Escalations => _stores.Escalations;

    /// <summary>The numbers behind ids.</summary>
    public ISequenceRepository Sequences => _stores.Sequences;

    /// <summary>The outbox of domain events.</summary>
    public IOutbox Outbox { get; }

    /// <summary>Published rule sets and calendars.</summary>
    public IPublicationStore Publications { get; }

    /// <summary>The append-only, hash-chained audit trail (table <c>audit_log</c>, on SQLite <c>crm_audit_log</c>); on PostgreSQL appends to
    /// one of its chains take turns under that chain's advisory lock.</summary>
    public Audit.IAuditStore Audit => _stores.Audit;

    /// <summary>Each customer's last churn evaluation (table <c>churn_history</c>), so a restarted host keeps trends and follow-ups.</summary>
    public Churn.IChurnHistory ChurnHistory => _stores.ChurnHistory;

    /// <summary>
    /// One transaction per desk command: the stores above called inside it share one connection and commit together (the desk begins
    /// one around each ticket command). Registered as <see cref="IStoreTransactions"/> by the storage's <c>AddCrm…Storage</c>.
    /// </summary>
    public IStoreTransactions Transactions => _stores.Transactions;

    /// <summary>The import ledger: one row per import run (table <c>import_run</c>, on SQLite <c>crm_import_run</c>).</summary>
    public Imports.IImportLedger ImportLedger => _stores.ImportLedger;

    /// <summary>Removes an erased person's values from the outbox (for <see cref="Privacy.PersonalDataRequests"/>).</summary>
    public Privacy.IPersonalDataScrubber PersonalData => _stores.PersonalData;

    ITicketQueueStore IStorageStores.QueueStore => Queue;

    IQueueRepository IStorageStores.QueueRepository => Queue;

    /// <summary>Writes many new tickets (never saved before) and their events in one transaction: all or none. For imports and bulk raising.</summary>
    /// <param name="tickets">The tickets' states and the events each raised.</param>
    /// <param name="cancellationToken">Cancels the write before it commits.</param>
    /// <returns>A task that completes when the batch is committed.</returns>
    /// <exception cref="Desk.ConcurrencyConflictException">A ticket exists already; nothing is written.</exception>
    public Task SaveNewTicketsAsync(IReadOnlyList<(Tickets.TicketState State, IReadOnlyList<IDomainEvent> Events)> tickets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        return _stores.Tickets.SaveNewAsync(tickets, cancellationToken);
    }

    /// <summary>An id generator whose numbers come from this database (see the options' <c>IdBlockSize</c>).</summary>
    /// <typeparam name="TId">The id type.</typeparam>
    /// <param name="pattern">The id pattern.</param>
    /// <param name="clock">The clock that gives the period.</param>
    /// <param name="zone">The time zone of the period's date.</param>
    /// <param name="create">Wraps the id text.</param>
    /// <returns>The generator.</returns>
    public IIdGenerator<TId> IdGenerator<TId>(IdPattern pattern, IClock clock, DateTimeZone zone, Func<string, TId> create)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(create);
        return Generator(pattern, clock, zone, create);
    }

    /// <summary>Closes the storage's connections: on PostgreSQL its connection pool; on SQLite the connections the stores keep open (and the
    /// driver's pooled ones for the file), the last close checkpointing the WAL, so that the file can be deleted or opened exclusively.
    /// Later operations fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => Database.Dispose();

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A task that completes when the connections are closed.</returns>
    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
