using CrmCore.Customers;
using CrmCore.Desk;

namespace CrmCore.Import.Tests;

/// <summary>A batch store with a key index where another writer changes one customer just before the import's batch commits; counts
/// the key lookups and the single saves it receives. With <paramref name="onRead"/> the other writer comes right after the import first
/// reads that customer instead (a dry run never calls the store's batch write).</summary>
internal sealed class InterferingStore(InMemoryCustomerRepository inner, CustomerId victim, bool onRead = false) : ICustomerBatchRepository, ICustomerKeyIndex
{
    private bool _interfered;

    public int KeyLookups { get; private set; }

    public int SingleSaves { get; private set; }

    public async ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default)
    {
        var state = await inner.FindAsync(id, cancellationToken);
        if (onRead && id == victim && !_interfered)
        {
            await InterfereAsync(cancellationToken);
        }

        return state;
    }

    public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        SingleSaves++;
        return inner.SaveAsync(state, expectedVersion, cancellationToken);
    }

    public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public async ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default)
    {
        if (!onRead)
        {
            await InterfereAsync(cancellationToken);
        }

        await inner.SaveAllAsync(writes, cancellationToken);
    }

    public ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default)
    {
        KeyLookups++;
        return inner.FindByKeysAsync(keys, cancellationToken);
    }

    private async ValueTask InterfereAsync(CancellationToken cancellationToken)
    {
        _interfered = true;
        var current = (await inner.FindAsync(victim, cancellationToken))!;
        await inner.SaveAsync(current with { Version = current.Version + 1, ShortName = "someone else" }, current.Version, cancellationToken);
    }
}
