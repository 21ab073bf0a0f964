using System.Runtime.CompilerServices;
using CrmCore.Customers;
using CrmCore.Desk;

namespace CrmCore.Assets;

/// <summary>The default asset store: assets in memory, lost when the process ends. Thread-safe; completes synchronously.</summary>
public sealed class InMemoryAssetRepository : IAssetRepository
{
    private readonly VersionedTable<AssetId, AssetState> _table = new("asset", s => s.Version);

    /// <inheritdoc />
    public ValueTask<AssetState?> FindAsync(AssetId id, CancellationToken cancellationToken = default) => ValueTask.FromResult(_table.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(AssetState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        _table.Save(state.Id, state, expectedVersion);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AssetState> ListAsync(CustomerId? owner = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in _table.Snapshot().Where(a => owner is not { } o || a.Owner == o).OrderBy(a => a.Id))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
