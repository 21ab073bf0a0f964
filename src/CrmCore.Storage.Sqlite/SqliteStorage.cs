using CrmCore.Desk;
using CrmCore.Identifiers;
using CrmCore.Routing;
using NodaTime;

namespace CrmCore.Storage.Sqlite;

/// <summary>
/// Every CrmCore store on one SQLite file, for hosts that wire things by hand (with DI, use <c>AddCrmSqliteStorage</c>). The stores
/// share one connection setup and keep a few connections open between operations. The schema is prepared on first use. Dispose it
/// when done (the DI container does, for the registered one): that closes those connections, and the file is free again. Thread-safe.
/// </summary>
public sealed class SqliteStorage : IStorageStores, IDisposable, IAsyncDisposable
{
    /// <summary>Opens (or creates) the storage.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="slaTerm">The SLA term's settings for queue claims (the routing's); null means the defaults.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public SqliteStorage(SqliteStorageOptions options, SlaTermOptions? slaTerm = null)
        : this(options, slaTerm, null)
    {
    }

    /// <summary>Opens (or creates) the storage; with <paramref name="auditClock"/>, saves of customers and contact plan entries also write
    /// their audit records (<see cref="Audit.CustomerAudit"/>, <see cref="Audit.PlanAudit"/>, actor <see cref="Audit.AuditActor.Current"/>) in
    /// their own transaction, as ticket saves always do. The DI registration passes the host's clock.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="slaTerm">The SLA term's settings for queue claims (the routing's); null means the defaults.</param>
    /// <param name="auditClock">When changes happen, for their audit records; null turns the customer and plan audit off.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public SqliteStorage(SqliteStorageOptions options, SlaTermOptions? slaTerm, IClock? auditClock)
    {
        Database = new SqliteDatabase(options);
        var sql = new SqliteDeskSql(Database);
        var tickets = new DbTicketRepository(sql);
        Tickets = tickets;
        Surveys = tickets;
        Customers = new DbCustomerRepository(sql, auditClock);
        Escalations = new DbEscalationRepository(sql);
        ContactPlans = new DbContactPlanRepository(sql, auditClock);
        Assets = new DbAssetRepository(sql);
        ModelTicketCounts = new DbModelTicketCounts(sql);
        Agents = new DbAgentRepository(sql);
        Knowledge = new DbKnowledgeRepository(sql);
        Sequences = new DbSequenceRepository(sql);
        Queue = new SqliteTicketQueueStore(Database, slaTerm);
        Outbox = new SqliteOutbox(Database);
        Publications = new SqlitePublicationStore(Database);
        Audit = new DbAuditStore(sql);
        ImportLedger = new DbImportLedger(sql);
        PersonalData = new DbPersonalDataScrubber(sql);
        ChurnHistory = new DbChurnHistory(sql);
    }

    /// <summary>Tickets with their status history and survey; saves can carry the ticket's events to the outbox.</summary>
    public IOutboxTicketRepository Tickets { get; }

    /// <summary>The survey answers recorded on tickets (read side).</summary>
    public ISurveyRepository Surveys { get; }

    /// <summary>Customers.</summary>
    public ICustomerRepository Customers { get; }

    /// <summary>Contact plan entries and contact records (客户沟通计划表, 沟通记录).</summary>
    public Relationships.IContactPlanRepository ContactPlans { get; }

    /// <summary>The installed base (document 004): assets with their hierarchy and maintenance history.</summary>
    public Assets.IAssetRepository Assets { get; }

    /// <summary>Counts a model's installed assets and tickets in one query, for the desk's model failure rate.</summary>
    public Assets.IModelTicketCounts ModelTicketCounts { get; }

    /// <summary>Agents with their skills, capacity, shift, availability and temporary teams, and the teams (tables <c>agent</c>, <c>team</c>).</summary>
    public Agents.IAgentRepository Agents { get; }
    /// <summary>The knowledge base: articles and the marks of articles that solved tickets.</summary>
    public Knowledge.IKnowledgeRepository Knowledge { get; }

    /// <summary>What was already raised per ticket (warnings, escalation levels, reminders).</summary>
    public IEscalationRepository Escalations { get; }

    /// <summary>The numbers behind ids.</summary>
    public ISequenceRepository Sequences { get; }

    /// <summary>The routing queue: leased claims (<see cref="ITicketQueueStore"/>) and the desk's <see cref="IQueueRepository"/>, on one table.</summary>
    public SqliteTicketQueueStore Queue { get; }

    /// <summary>The outbox of domain events.</summary>
    public IOutbox Outbox { get; }

    /// <summary>Published rule sets and calendars.</summary>
    public IPublicationStore Publications { get; }

    /// <summary>The append-only, hash-chained audit trail (table <c>crm_audit_log</c>).</summary>
    public Audit.IAuditStore Audit { get; }

    /// <summary>Each customer's last churn evaluation (table <c>churn_history</c>), so a restarted host keeps trends and follow-ups.</summary>
    public Churn.IChurnHistory ChurnHistory { get; }

    /// <summary>
    /// One transaction per desk command: the stores above called inside it share one connection and commit together (the desk begins
    /// one around each ticket command). Registered as <see cref="IStoreTransactions"/> by the storage's <c>AddCrm…Storage</c>.
    /// </summary>
    public IStoreTransactions Transactions => Database;
    /// <summary>The import ledger: one row per import run (table <c>crm_import_run</c>).</summary>
    public Imports.IImportLedger ImportLedger { get; }

    /// <summary>Removes an erased person's values from the outbox (for <see cref="Privacy.PersonalDataRequests"/>).</summary>
    public Privacy.IPersonalDataScrubber PersonalData { get; }

    ITicketQueueStore IStorageStores.QueueStore => Queue;

    IQueueRepository IStorageStores.QueueRepository => Queue;

    internal SqliteDatabase Database { get; }

    /// <summary>Writes many new tickets (never saved before) and their events in one transaction: all or none. For imports and bulk raising.</summary>
    /// <param name="tickets">The tickets' states and the events each raised.</param>
    /// <param name="cancellationToken">Cancels the write before it commits.</param>
    /// <returns>A task that completes when the batch is committed.</returns>
    /// <exception cref="Desk.ConcurrencyConflictException">A ticket exists already; nothing is written.</exception>
    public Task SaveNewTicketsAsync(IReadOnlyList<(Tickets.TicketState State, IReadOnlyList<IDomainEvent> Events)> tickets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        return ((DbTicketRepository)Tickets).SaveNewAsync(tickets, cancellationToken);
    }

    /// <summary>An id generator whose numbers come from this database (see <see cref="SqliteStorageOptions.IdBlockSize"/>).</summary>
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
        return SqliteIdSequences.Generator(Database, pattern, clock, zone, create);
    }

    /// <summary>Closes the connections the stores keep open (and the driver's pooled ones for this file): the last close checkpoints the
    /// WAL, and the file can be deleted or opened exclusively. Later operations fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => Database.Dispose();

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A task that completes when the connections are closed.</returns>
    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
