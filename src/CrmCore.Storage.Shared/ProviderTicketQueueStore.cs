using System.Runtime.CompilerServices;
using CrmCore.Desk;
using CrmCore.Tickets;

// The desk's IQueueRepository face of SqliteTicketQueueStore and PostgreSqlTicketQueueStore, written once (see ProviderStorage.cs for
// why a part of each provider's class): adds and removals through the provider's leased-queue writes, recorded in its change log
// (_changes), and the listing over LoadAllAsync. The provider's own part has the rest, its SQL, the update and the change reading.
#if CRMCORE_STORAGE_SQLITE
namespace CrmCore.Storage.Sqlite;

public sealed partial class SqliteTicketQueueStore
#elif CRMCORE_STORAGE_POSTGRESQL
namespace CrmCore.Storage.PostgreSql;

public sealed partial class PostgreSqlTicketQueueStore
#else
#error A storage provider's project defines CRMCORE_STORAGE_SQLITE or CRMCORE_STORAGE_POSTGRESQL.
#endif
{
    /// <inheritdoc />
    ValueTask<bool> IQueueRepository.AddAsync(QueueEntryState entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _changes.AddAsync(entry.TicketId, () => EnqueueAsync(entry.ToQueued(), cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    ValueTask<bool> IQueueRepository.RemoveAsync(TicketId id, CancellationToken cancellationToken) => _changes.RemoveAsync(id, () => RemoveAsync(id, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> LastChangeAsync(CancellationToken cancellationToken = default) => _changes.LastAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>Read as <see cref="LoadAllAsync"/> reads: inside a store transaction, on its connection.</remarks>
    public async IAsyncEnumerable<QueueEntryState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var all = await LoadAllAsync(cancellationToken).ConfigureAwait(false);
        foreach (var ticket in all.OrderBy(t => t.EnqueuedAt).ThenBy(t => t.Id.Value, StringComparer.Ordinal))
        {
            yield return QueueEntryState.From(ticket);
        }
    }
}
