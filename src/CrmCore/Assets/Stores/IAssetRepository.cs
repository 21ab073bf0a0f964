using CrmCore.Customers;

namespace CrmCore.Assets;

/// <summary>
/// Where the installed base is kept, one versioned record per asset (<see cref="AssetState"/>; bring one back with
/// <see cref="Asset.Restore"/>). The default is <see cref="InMemoryAssetRepository"/>; the SQLite and PostgreSQL storage packages
/// provide database ones. A store keeps what it is given: unique serial numbers and a hierarchy without cycles are checked by
/// <see cref="AssetRegistry"/> before saving. Implementations must be thread-safe.
/// </summary>
public interface IAssetRepository
{
    /// <summary>Reads one asset.</summary>
    /// <param name="id">The asset id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored state, or null when there is no such asset.</returns>
    ValueTask<AssetState?> FindAsync(AssetId id, CancellationToken cancellationToken = default);

    /// <summary>Writes an asset if nobody wrote it since it was read.</summary>
    /// <param name="state">The new state; its version must be above <paramref name="expectedVersion"/>.</param>
    /// <param name="expectedVersion">The version read before the change; 0 for a new asset.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="Desk.ConcurrencyConflictException">The stored version differs; nothing is written.</exception>
    /// <exception cref="ArgumentException">The new version is not above <paramref name="expectedVersion"/>.</exception>
    ValueTask SaveAsync(AssetState state, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Lists stored assets ordered by id: every one, or those of one owner.</summary>
    /// <param name="owner">Only this customer's assets; null for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The states.</returns>
    IAsyncEnumerable<AssetState> ListAsync(CustomerId? owner = null, CancellationToken cancellationToken = default);
}
