using CrmCore.Identifiers;
using CrmCore.Routing;
using NodaTime;

namespace CrmCore.Storage.PostgreSql;

/// <summary>
/// Every CrmCore store on one PostgreSQL database and schema, for hosts that wire things by hand (with DI, use <c>AddCrmPostgreSqlStorage</c>). The stores
/// share one connection pool; dispose it with the host. The schema is prepared on first use. Thread-safe.
/// </summary>
/// <remarks>The members both providers' storage objects share are in the shared <c>ProviderStorage.cs</c>.</remarks>
public sealed partial class PostgreSqlStorage
{
    /// <summary>Opens (or creates) the storage.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="slaTerm">The SLA term's settings for queue claims (the routing's); null means the defaults.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public PostgreSqlStorage(PostgreSqlStorageOptions options, SlaTermOptions? slaTerm = null)
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
    public PostgreSqlStorage(PostgreSqlStorageOptions options, SlaTermOptions? slaTerm, IClock? auditClock)
    {
        Database = new PostgreSqlDatabase(options);
        _stores = new DbStores(new PostgreSqlDeskSql(Database), auditClock);
        Queue = new PostgreSqlTicketQueueStore(Database, slaTerm);
        Outbox = new PostgreSqlOutbox(Database);
        Publications = new PostgreSqlPublicationStore(Database);
    }

    /// <summary>The routing queue: leased claims (<see cref="ITicketQueueStore"/>) and the desk's <see cref="Desk.IQueueRepository"/>, on one table.</summary>
    public PostgreSqlTicketQueueStore Queue { get; }

    internal PostgreSqlDatabase Database { get; }

    /// <summary>The id generator of <see cref="IdGenerator"/> (see <see cref="PostgreSqlStorageOptions.IdBlockSize"/>), its arguments checked.</summary>
    private IIdGenerator<TId> Generator<TId>(IdPattern pattern, IClock clock, DateTimeZone zone, Func<string, TId> create) =>
        PostgreSqlIdSequences.Generator(Database, pattern, clock, zone, create);
}
