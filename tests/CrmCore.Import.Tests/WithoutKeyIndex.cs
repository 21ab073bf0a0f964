using CrmCore.Customers;
using CrmCore.Desk;

namespace CrmCore.Import.Tests;

/// <summary>The same customers without the key index: the import holds every customer's keys in memory for the run.</summary>
internal sealed class WithoutKeyIndex(InMemoryCustomerRepository inner) : ICustomerBatchRepository
{
    public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) => inner.SaveAsync(state, expectedVersion, cancellationToken);

    public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) => inner.SaveAllAsync(writes, cancellationToken);

    public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
}
