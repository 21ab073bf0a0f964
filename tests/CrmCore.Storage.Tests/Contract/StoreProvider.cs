using CrmCore.Desk;
using CrmCore.Identifiers;
using CrmCore.Routing;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// One storage back end for the contract tests: in-memory, SQLite (a temp file) or PostgreSQL (a fresh schema through the real
/// migrator, dropped afterwards). "Reopen" gives a new store over the same data, as a restarted or second host would see it.
/// </summary>
public abstract class StoreProvider : IDisposable
{
    public const string Memory = "memory";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgresql";

    /// <summary>The providers the contract theories run on: PostgreSQL only when configured or under CI.</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string> { Memory, Sqlite };
        if (TestPostgres.Enabled)
        {
            data.Add(Postgres);
        }

        return data;
    }

    /// <summary>The database providers (the ones that persist).</summary>
    public static TheoryData<string> Databases()
    {
        var data = new TheoryData<string> { Sqlite };
        if (TestPostgres.Enabled)
        {
            data.Add(Postgres);
        }

        return data;
    }

    public static StoreProvider Create(string name) => name switch
    {
        Memory => new MemoryProvider(),
        Sqlite => new SqliteProvider(),
        Postgres => new PostgresProvider(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public abstract bool Persists { get; }

    /// <summary>The queue stores' change retention (<c>QueueChangeRetention</c>; default: the options' default); set before the stores are made.</summary>
    public int QueueChangeRetention { get; set; } = new SqliteStorageOptions().QueueChangeRetention;

    public abstract ITicketQueueStore Queue(Duration lease, SlaTermOptions? term = null);

    public abstract IOutbox Outbox();

    /// <summary>Writes outbox messages the way a store does inside a change's transaction.</summary>
    public abstract void AppendOutbox(params (string AggregateId, string EventType, string Payload, Instant OccurredAt)[] messages);

    public abstract IPublicationStore Publications();

    /// <summary>The audit trail (a new store over the same data each call, for databases).</summary>
    public abstract CrmCore.Audit.IAuditStore Audit();

    /// <summary>The import ledger (a new store over the same data each call, for databases).</summary>
    public abstract CrmCore.Imports.IImportLedger ImportLedger();

    /// <summary>A database's import ledger with the transactions of the same storage (a host's transaction the ledger joins); null in memory.</summary>
    public virtual (CrmCore.Imports.IImportLedger Ledger, IStoreTransactions Transactions)? LedgerWithTransactions() => null;

    /// <summary>The outbox scrubber for personal-data erasure.</summary>
    public virtual CrmCore.Privacy.IPersonalDataScrubber? PersonalData() => null;

    /// <summary>Every text value in every table of the database, as text (PostgreSQL: each row as JSON).</summary>
    public virtual IReadOnlyList<string> AllText() => throw new NotSupportedException("The in-memory provider has no SQL.");

    /// <summary>The audit table's name in SQL (with <c>{schema}</c> on PostgreSQL).</summary>
    public virtual string AuditTable => throw new NotSupportedException("The in-memory provider has no SQL.");

    /// <summary>The customer table's name for <see cref="ExecuteSql"/>.</summary>
    public virtual string CustomerTable => throw new NotSupportedException("The in-memory provider has no SQL.");

    public abstract IIdGenerator<string> Ids(string pattern, IClock clock, int blockSize = 1);

    /// <summary>The desk's stores over this provider (a fresh set of instances over the same data each call, for databases).</summary>
    public abstract ProviderStores Desk();

    /// <summary>The contact plan store over this provider (a fresh instance over the same data each call, for databases).</summary>
    public abstract CrmCore.Relationships.IContactPlanRepository Plans();

    /// <summary>The churn history over this provider (a fresh instance over the same data each call, for databases).</summary>
    public abstract CrmCore.Churn.IChurnHistory ChurnHistory();

    /// <summary>Customer and contact plan stores that audit their saves (into <see cref="Audit"/>'s trail) with this clock.</summary>
    public abstract (ICustomerRepository Customers, CrmCore.Relationships.IContactPlanRepository Plans) Audited(IClock clock);

    /// <summary>The asset store over this provider (a fresh instance over the same data each call, for databases).</summary>
    public abstract CrmCore.Assets.IAssetRepository Assets();

    /// <summary>The model ticket counter over this provider's assets and tickets (<see cref="Desk"/>'s tickets in memory).</summary>
    public abstract CrmCore.Assets.IModelTicketCounts ModelTicketCounts();

    /// <summary>The agent and team store over this provider (a fresh instance over the same data each call, for databases).</summary>
    public abstract CrmCore.Agents.IAgentRepository Agents();
    /// <summary>The knowledge store over this provider (a fresh instance over the same data each call, for databases).</summary>
    public abstract CrmCore.Knowledge.IKnowledgeRepository Knowledge();

    /// <summary>Writes new tickets in one batch (the databases' bulk path for imports and bulk raising); the in-memory stores have none.</summary>
    public virtual Task SaveNewTicketsAsync(IReadOnlyList<(CrmCore.Tickets.TicketState State, IReadOnlyList<CrmCore.IDomainEvent> Events)> tickets) =>
        throw new NotSupportedException("The in-memory stores have no batch path.");

    /// <summary>Runs SQL directly against the database (<c>{schema}</c> is the test's schema); in-memory has none.</summary>
    public virtual void ExecuteSql(string text) => throw new NotSupportedException("The in-memory provider has no SQL.");

    /// <summary>Runs one query (<c>{schema}</c> replaced on PostgreSQL) and returns its first value as a number.</summary>
    public virtual long ScalarSql(string text) => throw new NotSupportedException("The in-memory provider has no SQL.");

    /// <summary>The PostgreSQL connection string and the test's schema (PostgreSQL only).</summary>
    public virtual (string ConnectionString, string Schema) PostgresTarget => throw new NotSupportedException("Not a PostgreSQL provider.");

    /// <summary>The SQLite file (SQLite only).</summary>
    public virtual string SqlitePath => throw new NotSupportedException("Not a SQLite provider.");

    public virtual void Dispose() => GC.SuppressFinalize(this);

    private sealed class MemoryProvider : StoreProvider
    {
        private readonly InMemoryOutbox _outbox = new();
        private readonly InMemoryPublicationStore _publications = new();
        private readonly CrmCore.Audit.InMemoryAuditStore _audit = new();
        private readonly CrmCore.Imports.InMemoryImportLedger _ledger = new();
        private readonly Dictionary<string, PatternIdGenerator<string>> _ids = [];
        private InMemoryTicketQueueStore? _queue;
        private ProviderStores? _desk;
        private CrmCore.Relationships.InMemoryContactPlanRepository? _plans;
        private CrmCore.Churn.InMemoryChurnHistory? _churn;

        private CrmCore.Assets.InMemoryAssetRepository? _assets;
        private CrmCore.Agents.InMemoryAgentRepository? _agents;
        private CrmCore.Knowledge.InMemoryKnowledgeRepository? _knowledge;

        public override CrmCore.Churn.IChurnHistory ChurnHistory() => _churn ??= new CrmCore.Churn.InMemoryChurnHistory();

        public override bool Persists => false;

        public override CrmCore.Relationships.IContactPlanRepository Plans() => _plans ??= new CrmCore.Relationships.InMemoryContactPlanRepository();

        public override (ICustomerRepository Customers, CrmCore.Relationships.IContactPlanRepository Plans) Audited(IClock clock) =>
            (new InMemoryCustomerRepository(_audit, clock), new CrmCore.Relationships.InMemoryContactPlanRepository(_audit, clock));

        public override CrmCore.Assets.IAssetRepository Assets() => _assets ??= new CrmCore.Assets.InMemoryAssetRepository();

        public override CrmCore.Assets.IModelTicketCounts ModelTicketCounts() => new CrmCore.Assets.ScanningModelTicketCounts(Assets(), Desk().Tickets);

        public override CrmCore.Agents.IAgentRepository Agents() => _agents ??= new CrmCore.Agents.InMemoryAgentRepository();
        public override CrmCore.Knowledge.IKnowledgeRepository Knowledge() => _knowledge ??= new CrmCore.Knowledge.InMemoryKnowledgeRepository();

        public override ITicketQueueStore Queue(Duration lease, SlaTermOptions? term = null) =>
            _queue ??= new InMemoryTicketQueueStore(term is null ? null : new SlaTerm(term), lease);

        public override IOutbox Outbox() => _outbox;

        public override void AppendOutbox(params (string AggregateId, string EventType, string Payload, Instant OccurredAt)[] messages)
        {
            foreach (var m in messages)
            {
                _outbox.Append(m.AggregateId, m.EventType, m.Payload, m.OccurredAt);
            }
        }

        public override IPublicationStore Publications() => _publications;

        public override CrmCore.Audit.IAuditStore Audit() => _audit;

        public override CrmCore.Imports.IImportLedger ImportLedger() => _ledger;

        // In memory each store keeps its own copies: the outbox's payloads and the knowledge store's solution marks.
        public override CrmCore.Privacy.IPersonalDataScrubber? PersonalData()
        {
            Knowledge();
            return new CrmCore.Privacy.CompositePersonalDataScrubber(_outbox, _knowledge!);
        }

        public override ProviderStores Desk()
        {
            if (_desk is null)
            {
                var tickets = new InMemoryOutboxTicketRepository(_outbox, _audit);
                _desk = new ProviderStores(tickets, tickets, new InMemoryCustomerRepository(), new InMemoryEscalationRepository(), new InMemorySequenceRepository(), new InMemoryQueueRepository(QueueChangeRetention), _outbox) { Publications = _publications };
            }

            return _desk;
        }

        public override IIdGenerator<string> Ids(string pattern, IClock clock, int blockSize = 1)
        {
            if (!_ids.TryGetValue(pattern, out var generator))
            {
                generator = new PatternIdGenerator<string>(IdPattern.Parse(pattern), clock, DateTimeZoneProviders.Tzdb["Asia/Shanghai"], s => s);
                _ids.Add(pattern, generator);
            }

            return generator;
        }
    }

    private sealed class SqliteProvider : StoreProvider
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), "crmcore-test-" + Guid.NewGuid().ToString("N") + ".db");

        public override bool Persists => true;

        public override string SqlitePath => _path;

        public SqliteStorageOptions Options(Duration? lease = null, int blockSize = 1) =>
            new() { DataSource = _path, LeaseDuration = lease ?? Duration.FromMinutes(5), IdBlockSize = blockSize, QueueChangeRetention = QueueChangeRetention };

        public override ITicketQueueStore Queue(Duration lease, SlaTermOptions? term = null) => new SqliteTicketQueueStore(Options(lease), term);

        public override IOutbox Outbox() => new SqliteOutbox(Options());

        public override void AppendOutbox(params (string AggregateId, string EventType, string Payload, Instant OccurredAt)[] messages)
        {
            var database = new SqliteDatabase(Options());
            using var connection = database.Open();
            using var transaction = connection.BeginTransaction();
            SqliteOutbox.Append(connection, transaction, messages);
            transaction.Commit();
        }

        public override IPublicationStore Publications() => new SqlitePublicationStore(Options());

        public override CrmCore.Audit.IAuditStore Audit() => new SqliteStorage(Options()).Audit;

        public override Task SaveNewTicketsAsync(IReadOnlyList<(CrmCore.Tickets.TicketState State, IReadOnlyList<CrmCore.IDomainEvent> Events)> tickets) =>
            new SqliteStorage(Options()).SaveNewTicketsAsync(tickets);

        public override CrmCore.Imports.IImportLedger ImportLedger() => new SqliteStorage(Options()).ImportLedger;

        public override (CrmCore.Imports.IImportLedger Ledger, IStoreTransactions Transactions)? LedgerWithTransactions() =>
            new SqliteStorage(Options()) is var storage ? (storage.ImportLedger, storage.Transactions) : null;

        public override string AuditTable => "crm_audit_log";

        public override string CustomerTable => "crm_customer";

        public override CrmCore.Privacy.IPersonalDataScrubber? PersonalData() => new SqliteStorage(Options()).PersonalData;

        public override IReadOnlyList<string> AllText()
        {
            using var connection = new SqliteConnection($"Data Source={_path}");
            connection.Open();
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
                using var reader = list.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var text = new List<string>();
            foreach (var table in tables)
            {
                using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\";";
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        text.Add(table + ": " + Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
            }

            return text;
        }

        public override CrmCore.Relationships.IContactPlanRepository Plans() => new SqliteStorage(Options()).ContactPlans;

        public override CrmCore.Churn.IChurnHistory ChurnHistory() => new SqliteStorage(Options()).ChurnHistory;

        public override (ICustomerRepository Customers, CrmCore.Relationships.IContactPlanRepository Plans) Audited(IClock clock)
        {
            var storage = new SqliteStorage(Options(), null, clock);
            return (storage.Customers, storage.ContactPlans);
        }

        public override CrmCore.Assets.IAssetRepository Assets() => new SqliteStorage(Options()).Assets;

        public override CrmCore.Assets.IModelTicketCounts ModelTicketCounts() => new SqliteStorage(Options()).ModelTicketCounts;

        public override CrmCore.Agents.IAgentRepository Agents() => new SqliteStorage(Options()).Agents;
        public override CrmCore.Knowledge.IKnowledgeRepository Knowledge() => new SqliteStorage(Options()).Knowledge;

        public override ProviderStores Desk()
        {
            var storage = new SqliteStorage(Options());
            return new ProviderStores(storage.Tickets, storage.Surveys, storage.Customers, storage.Escalations, storage.Sequences, storage.Queue, storage.Outbox) { Transactions = storage.Transactions, Publications = storage.Publications, Plans = storage.ContactPlans, SaveNewTickets = t => storage.SaveNewTicketsAsync(t) };
        }

        public override IIdGenerator<string> Ids(string pattern, IClock clock, int blockSize = 1)
        {
            var database = new SqliteDatabase(Options(blockSize: blockSize));
            return SqliteIdSequences.Generator(database, IdPattern.Parse(pattern), clock, DateTimeZoneProviders.Tzdb["Asia/Shanghai"], s => s);
        }

        public override void ExecuteSql(string text)
        {
            using var connection = new SqliteConnection($"Data Source={_path}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = text;
            command.ExecuteNonQuery();
        }

        public override long ScalarSql(string text)
        {
            using var connection = new SqliteConnection($"Data Source={_path}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = text;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public override void Dispose()
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(_path + suffix);
            }

            base.Dispose();
        }
    }

    private sealed class PostgresProvider : StoreProvider
    {
        private readonly string _connectionString = TestPostgres.Require();
        private readonly string _schema = "crm_t_" + Guid.NewGuid().ToString("N")[..16];
        private readonly List<PostgreSqlDatabase> _databases = [];
        private readonly List<PostgreSqlStorage> _storages = [];

        public override bool Persists => true;

        private PostgreSqlDatabase Database(Duration? lease = null, int blockSize = 1)
        {
            var database = new PostgreSqlDatabase(new PostgreSqlStorageOptions
            {
                ConnectionString = _connectionString,
                Schema = _schema,
                LeaseDuration = lease ?? Duration.FromMinutes(5),
                IdBlockSize = blockSize,
                QueueChangeRetention = QueueChangeRetention,
            });
            lock (_databases)
            {
                _databases.Add(database);
            }

            return database;
        }

        public override ITicketQueueStore Queue(Duration lease, SlaTermOptions? term = null) => new PostgreSqlTicketQueueStore(Database(lease), term);

        public override IOutbox Outbox() => new PostgreSqlOutbox(Database());

        public override void AppendOutbox(params (string AggregateId, string EventType, string Payload, Instant OccurredAt)[] messages)
        {
            var database = Database();
            using var connection = database.Open();
            using var transaction = connection.BeginTransaction();
            PostgreSqlOutbox.AppendAsync(database, connection, transaction, messages, CancellationToken.None).GetAwaiter().GetResult();
            transaction.Commit();
        }

        public override IPublicationStore Publications() => new PostgreSqlPublicationStore(Database());

        // A storage over this test's schema, disposed with the provider.
        private PostgreSqlStorage Storage(IClock? clock = null)
        {
            var storage = new PostgreSqlStorage(new PostgreSqlStorageOptions { ConnectionString = _connectionString, Schema = _schema, QueueChangeRetention = QueueChangeRetention }, null, clock);
            lock (_storages)
            {
                _storages.Add(storage);
            }

            return storage;
        }

        public override CrmCore.Audit.IAuditStore Audit() => Storage().Audit;

        public override Task SaveNewTicketsAsync(IReadOnlyList<(CrmCore.Tickets.TicketState State, IReadOnlyList<CrmCore.IDomainEvent> Events)> tickets) =>
            Storage().SaveNewTicketsAsync(tickets);

        public override CrmCore.Imports.IImportLedger ImportLedger() => Storage().ImportLedger;

        public override (CrmCore.Imports.IImportLedger Ledger, IStoreTransactions Transactions)? LedgerWithTransactions() =>
            Storage() is var storage ? (storage.ImportLedger, storage.Transactions) : null;

        public override string AuditTable => "{schema}.audit_log";

        public override string CustomerTable => "{schema}.customer";

        public override CrmCore.Privacy.IPersonalDataScrubber? PersonalData() => Storage().PersonalData;

        public override IReadOnlyList<string> AllText()
        {
            using var connection = new NpgsqlConnection(_connectionString);
            connection.Open();
            var tables = new List<string>();
            using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @s;", connection))
            {
                list.Parameters.AddWithValue("s", _schema);
                using var reader = list.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var text = new List<string>();
            foreach (var table in tables)
            {
                using var select = new NpgsqlCommand($"SELECT row_to_json(t)::text FROM {_schema}.\"{table}\" t;", connection);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    text.Add(table + ": " + reader.GetString(0));
                }
            }

            return text;
        }

        public override (ICustomerRepository Customers, CrmCore.Relationships.IContactPlanRepository Plans) Audited(IClock clock)
        {
            var storage = Storage(clock);
            return (storage.Customers, storage.ContactPlans);
        }

        public override CrmCore.Relationships.IContactPlanRepository Plans() => Storage().ContactPlans;

        public override CrmCore.Churn.IChurnHistory ChurnHistory() => Storage().ChurnHistory;

        public override CrmCore.Assets.IAssetRepository Assets() => Storage().Assets;

        public override CrmCore.Assets.IModelTicketCounts ModelTicketCounts() => Storage().ModelTicketCounts;

        public override CrmCore.Agents.IAgentRepository Agents() => Storage().Agents;
        public override CrmCore.Knowledge.IKnowledgeRepository Knowledge() => Storage().Knowledge;

        public override ProviderStores Desk()
        {
            var storage = Storage();
            return new ProviderStores(storage.Tickets, storage.Surveys, storage.Customers, storage.Escalations, storage.Sequences, storage.Queue, storage.Outbox) { Transactions = storage.Transactions, Publications = storage.Publications, Plans = storage.ContactPlans, SaveNewTickets = t => storage.SaveNewTicketsAsync(t) };
        }

        public override IIdGenerator<string> Ids(string pattern, IClock clock, int blockSize = 1)
        {
            var database = Database(blockSize: blockSize);
            return PostgreSqlIdSequences.Generator(database, IdPattern.Parse(pattern), clock, DateTimeZoneProviders.Tzdb["Asia/Shanghai"], s => s);
        }

        public override (string ConnectionString, string Schema) PostgresTarget => (_connectionString, _schema);

        public override void ExecuteSql(string text)
        {
            using var connection = new NpgsqlConnection(_connectionString);
            connection.Open();
            using var command = new NpgsqlCommand(text.Replace("{schema}", _schema, StringComparison.Ordinal), connection);
            command.ExecuteNonQuery();
        }

        public override long ScalarSql(string text)
        {
            using var connection = new NpgsqlConnection(_connectionString);
            connection.Open();
            using var command = new NpgsqlCommand(text.Replace("{schema}", _schema, StringComparison.Ordinal), connection);
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        public override void Dispose()
        {
            foreach (var database in _databases)
            {
                database.Dispose();
            }

            foreach (var storage in _storages)
            {
                storage.Dispose();
            }

            using var connection = new NpgsqlConnection(_connectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE;", connection);
            command.ExecuteNonQuery();
            base.Dispose();
        }
    }
}
