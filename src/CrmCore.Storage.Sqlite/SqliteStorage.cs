using CrmCore.Identifiers;
using CrmCore.Routing;
using NodaTime;

namespace CrmCore.Storage.Sqlite;

/// <summary>
/// Every CrmCore store on one SQLite file, for hosts that wire things by hand (with DI, use <c>AddCrmSqliteStorage</c>). The stores
/// share one connection setup and keep a few connections open between operations. The schema is prepared on first use. Dispose it
/// when done (the DI container does, for the registered one): that closes those connections, and the file is free again. Thread-safe.
/// </summary>
/// <remarks>The members both providers' storage objects share are in the shared <c>ProviderStorage.cs</c>.</remarks>
public sealed partial class SqliteStorage
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
        _stores = new DbStores(new SqliteDeskSql(Database), auditClock);
        Queue = new SqliteTicketQueueStore(Database, slaTerm);
        Outbox = new SqliteOutbox(Database);
        Publications = new SqlitePublicationStore(Database);
    }

    /// <summary>The routing queue: leased claims (<see cref="ITicketQueueStore"/>) and the desk's <see cref="Desk.IQueueRepository"/>, on one table.</summary>
    public SqliteTicketQueueStore Queue { get; }

    internal SqliteDatabase Database { get; }

    /// <summary>The id generator of <see cref="IdGenerator"/> (see <see cref="SqliteStorageOptions.IdBlockSize"/>), its arguments checked.</summary>
    private IIdGenerator<TId> Generator<TId>(IdPattern pattern, IClock clock, DateTimeZone zone, Func<string, TId> create) =>
        SqliteIdSequences.Generator(Database, pattern, clock, zone, create);
}
