using System.Runtime.CompilerServices;
using CrmCore.Customers;
using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Assets;

/// <summary>The default asset store: assets in memory, lost when the process ends. Assets are also indexed by model, so
/// <see cref="ScanningModelTicketCounts"/> reads only the model's assets. Thread-safe; completes synchronously.</summary>
public sealed class InMemoryAssetRepository : IAssetRepository
{
    private readonly VersionedTable<AssetId, AssetState> _table = new("asset", s => s.Version);
    private readonly Dictionary<string, Dictionary<string, LocalDate>> _byModel = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public ValueTask<AssetState?> FindAsync(AssetId id, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<AssetState?>(cancellationToken) : ValueTask.FromResult(_table.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(AssetState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            var old = _table.Find(state.Id);
            _table.Save(state.Id, state, expectedVersion);
            if (old is not null && _byModel.TryGetValue(old.Model, out var was))
            {
                was.Remove(old.Id.Value);
            }

            if (!_byModel.TryGetValue(state.Model, out var of))
            {
                _byModel[state.Model] = of = new Dictionary<string, LocalDate>(StringComparer.Ordinal);
            }

            of[state.Id.Value] = state.InstalledOn;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AssetState> ListAsync(CustomerId? owner = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested(); // also when there is nothing to list
        foreach (var row in _table.Snapshot().Where(a => owner is not { } o || a.Owner == o).OrderBy(a => a.Id))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>The ids of a model's assets (compared ordinally) and how many of them were installed on or before a date.</summary>
    internal (List<string> Ids, int Installed) OfModel(string model, LocalDate installedBy)
    {
        lock (_gate)
        {
            if (!_byModel.TryGetValue(model, out var of))
            {
                return ([], 0);
            }

            var installed = 0;
            foreach (var on in of.Values)
            {
                installed += on <= installedBy ? 1 : 0;
            }

            return ([.. of.Keys], installed);
        }
    }
}
