using System.Runtime.CompilerServices;
using CrmCore.Customers;
using CrmCore.Desk;

namespace CrmCore.CallerId;

/// <summary>
/// Wraps the desk's customer store so that a <see cref="CallerIdIndex"/> follows every saved customer: register the store
/// <see cref="Over"/> returns as the desk's <see cref="ICustomerRepository"/> (after filling the index with
/// <see cref="CallerIdIndex.BuildAsync"/>) and screen pops stay current. Reads and lists go to the wrapped store unchanged. The wrapper
/// offers what the wrapped store offers: an <see cref="ICustomerBatchRepository"/> (an import's batch written all or none, the index
/// following every customer of a committed batch) and an <see cref="ICustomerKeyIndex"/> (an import's duplicate lookups), each only when
/// the wrapped store implements it. Thread-safe when the wrapped store is.
/// </summary>
public class CallerIdCustomerRepository : ICustomerRepository
{
    private CallerIdCustomerRepository(ICustomerRepository inner, CallerIdIndex index)
    {
        Inner = inner;
        Index = index;
    }

    /// <summary>The index this store keeps current.</summary>
    public CallerIdIndex Index { get; }

    /// <summary>The wrapped store.</summary>
    private protected ICustomerRepository Inner { get; }

    /// <summary>Wraps a store, passing through its batch writes and its key index when it has them.</summary>
    /// <param name="inner">The store that keeps the customers.</param>
    /// <param name="index">The index to keep current.</param>
    /// <returns>The wrapper: also an <see cref="ICustomerBatchRepository"/> and/or an <see cref="ICustomerKeyIndex"/> exactly when
    /// <paramref name="inner"/> is.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CallerIdCustomerRepository Over(ICustomerRepository inner, CallerIdIndex index)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(index);
        return inner switch
        {
            ICustomerBatchRepository and ICustomerKeyIndex => new BatchKeyed(inner, index),
            ICustomerBatchRepository => new Batch(inner, index),
            ICustomerKeyIndex => new Keyed(inner, index),
            _ => new CallerIdCustomerRepository(inner, index),
        };
    }

    /// <inheritdoc />
    public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => Inner.FindAsync(id, cancellationToken);

    /// <inheritdoc />
    public async ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await Inner.SaveAsync(state, expectedVersion, cancellationToken).ConfigureAwait(false);
        Index.Upsert(state);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<CustomerState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var state in Inner.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return state;
        }
    }

    /// <summary>The wrapped store's batch write; the index follows only a committed batch.</summary>
    private protected async ValueTask SaveAllThroughAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken)
    {
        await ((ICustomerBatchRepository)Inner).SaveAllAsync(writes, cancellationToken).ConfigureAwait(false);
        foreach (var (state, _) in writes)
        {
            Index.Upsert(state);
        }
    }

    /// <summary>The wrapped store's key lookup.</summary>
    private protected ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysThroughAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken) =>
        ((ICustomerKeyIndex)Inner).FindByKeysAsync(keys, cancellationToken);

    private sealed class Batch(ICustomerRepository inner, CallerIdIndex index) : CallerIdCustomerRepository(inner, index), ICustomerBatchRepository
    {
        public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) =>
            SaveAllThroughAsync(writes, cancellationToken);
    }

    private sealed class Keyed(ICustomerRepository inner, CallerIdIndex index) : CallerIdCustomerRepository(inner, index), ICustomerKeyIndex
    {
        public ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default) =>
            FindByKeysThroughAsync(keys, cancellationToken);
    }

    private sealed class BatchKeyed(ICustomerRepository inner, CallerIdIndex index) : CallerIdCustomerRepository(inner, index), ICustomerBatchRepository, ICustomerKeyIndex
    {
        public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) =>
            SaveAllThroughAsync(writes, cancellationToken);

        public ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default) =>
            FindByKeysThroughAsync(keys, cancellationToken);
    }
}
