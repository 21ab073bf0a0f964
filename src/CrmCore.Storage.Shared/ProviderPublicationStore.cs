using NodaTime;

// The members SqlitePublicationStore and PostgreSqlPublicationStore share, written once (see ProviderStorage.cs for why a part of each
// provider's class): each is the provider's public face of the one DbPublicationStore. The provider's own part has the documentation of
// the type and the constructors.
#if CRMCORE_STORAGE_SQLITE
namespace CrmCore.Storage.Sqlite;

public sealed partial class SqlitePublicationStore
#elif CRMCORE_STORAGE_POSTGRESQL
namespace CrmCore.Storage.PostgreSql;

public sealed partial class PostgreSqlPublicationStore
#else
#error A storage provider's project defines CRMCORE_STORAGE_SQLITE or CRMCORE_STORAGE_POSTGRESQL.
#endif
    : IPublicationStore
{
    private readonly DbPublicationStore _store;

    /// <inheritdoc />
    /// <exception cref="TimeoutException">Another transaction held the lock the publish needs past the storage's wait (see the type):
    /// on PostgreSQL the name's lock past the command or lock timeout, on SQLite the write lock past the busy timeout; nothing was published.</exception>
    public Task<PublishedVersion> PublishAsync(PublicationKind kind, string name, string content, string publishedBy, Instant at, CancellationToken cancellationToken = default)
        => _store.PublishAsync(kind, name, content, publishedBy, at, cancellationToken);

    /// <inheritdoc />
    public Task<PublishedDocument?> GetCurrentAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
        => _store.GetCurrentAsync(kind, name, cancellationToken);

    /// <inheritdoc />
    public Task<PublishedDocument?> GetAsync(PublicationKind kind, string name, int version, CancellationToken cancellationToken = default)
        => _store.GetAsync(kind, name, version, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<PublishedVersion>> ListAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
        => _store.ListAsync(kind, name, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="TimeoutException">Another transaction held the lock the roll-back needs past the storage's wait (see the type):
    /// on PostgreSQL the name's lock past the command or lock timeout, on SQLite the write lock past the busy timeout; nothing was published.</exception>
    public Task<PublishedVersion> RollBackAsync(PublicationKind kind, string name, int version, string publishedBy, Instant at, CancellationToken cancellationToken = default)
        => _store.RollBackAsync(kind, name, version, publishedBy, at, cancellationToken);
}
