using System.Runtime.CompilerServices;
using CrmCore.Customers;

namespace CrmCore.Desk;

/// <summary>The default customer store: customer states in memory, lost when the process ends. Thread-safe; completes synchronously.</summary>
public sealed class InMemoryCustomerRepository : ICustomerBatchRepository
{
    private readonly VersionedTable<CustomerId, CustomerState> _table = new("customer", s => s.Version);

    /// <inheritdoc />
    public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => ValueTask.FromResult(_table.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        _table.Save(state.Id, state, expectedVersion);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        _table.SaveAll([.. writes.Select(w => (w.State?.Id ?? throw new ArgumentException("A write has no state.", nameof(writes)), w.State, w.ExpectedVersion))]);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<CustomerState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in _table.Snapshot().OrderBy(s => s.Id.Value, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
