using System.Runtime.CompilerServices;
using CrmCore.Customers;
using CrmCore.Desk;

namespace CrmCore.CallerId;

/// <summary>
/// Wraps the desk's customer store so that a <see cref="CallerIdIndex"/> follows every saved customer: register the store
/// <see cref="Over(ICustomerRepository, CallerIdIndex, IStoreTransactions)"/> returns as the desk's <see cref="ICustomerRepository"/> (after filling the index with
/// <see cref="CallerIdIndex.BuildAsync"/>) and screen pops stay current. Reads and lists go to the wrapped store unchanged. The wrapper
/// offers what the wrapped store offers: an <see cref="ICustomerBatchRepository"/> (an import's batch written all or none, the index
/// following every customer of a committed batch) and an <see cref="ICustomerKeyIndex"/> (an import's duplicate lookups), each only when
/// the wrapped store implements it. Given the store's transactions (<see cref="Over(ICustomerRepository, CallerIdIndex, IStoreTransactions)"/>),
/// a save made inside a transaction (a host's, or a desk command's) reaches the index only when that transaction commits, never when it
/// rolls back. Thread-safe when the wrapped store is.
/// </summary>
public class CallerIdCustomerRepository : ICustomerRepository
{
    private readonly IStoreTransactions? _transactions;

    private CallerIdCustomerRepository(ICustomerRepository inner, CallerIdIndex index, IStoreTransactions? transactions)
    {
        Inner = inner;
        Index = index;
        _transactions = transactions;
    }

    /// <summary>The index this store keeps current.</summary>
    public CallerIdIndex Index { get; }

    /// <summary>The wrapped store.</summary>
    private protected ICustomerRepository Inner { get; }

    /// <summary>Wraps a store, passing through its batch writes and its key index when it has them. The index follows every save at
    /// once, even one made inside a transaction that later rolls back: for a store that groups writes in transactions, use
    /// <see cref="Over(ICustomerRepository, CallerIdIndex, IStoreTransactions)"/>.</summary>
    /// <param name="inner">The store that keeps the customers.</param>
    /// <param name="index">The index to keep current.</param>
    /// <returns>The wrapper: also an <see cref="ICustomerBatchRepository"/> and/or an <see cref="ICustomerKeyIndex"/> exactly when
    /// <paramref name="inner"/> is.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CallerIdCustomerRepository Over(ICustomerRepository inner, CallerIdIndex index) => Create(inner, index, null);

    /// <summary>Wraps a store, passing through its batch writes and its key index when it has them; a save made while a transaction of
    /// <paramref name="transactions"/> is open on the flow (a host's, or a desk command's) reaches the index once that transaction has
    /// committed, never when it rolls back.</summary>
    /// <param name="inner">The store that keeps the customers.</param>
    /// <param name="index">The index to keep current.</param>
    /// <param name="transactions">The transactions of the storage <paramref name="inner"/> belongs to (<see cref="DeskStores.Transactions"/>).</param>
    /// <returns>The wrapper: also an <see cref="ICustomerBatchRepository"/> and/or an <see cref="ICustomerKeyIndex"/> exactly when
    /// <paramref name="inner"/> is.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CallerIdCustomerRepository Over(ICustomerRepository inner, CallerIdIndex index, IStoreTransactions transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        return Create(inner, index, transactions);
    }

    /// <inheritdoc />
    public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => Inner.FindAsync(id, cancellationToken);

    /// <inheritdoc />
    public async ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await Inner.SaveAsync(state, expectedVersion, cancellationToken).ConfigureAwait(false);
        await FollowAsync([state]).ConfigureAwait(false);
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
        await FollowAsync([.. writes.Select(w => w.State)]).ConfigureAwait(false);
    }

    private static CallerIdCustomerRepository Create(ICustomerRepository inner, CallerIdIndex index, IStoreTransactions? transactions)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(index);
        return inner switch
        {
            ICustomerBatchRepository and ICustomerKeyIndex => new BatchKeyed(inner, index, transactions),
            ICustomerBatchRepository => new Batch(inner, index, transactions),
            ICustomerKeyIndex => new Keyed(inner, index, transactions),
            _ => new CallerIdCustomerRepository(inner, index, transactions),
        };
    }

    /// <summary>Indexes saved states: at once, or, when the save joined a transaction still open on the flow, once that commits (the index
    /// keeps the newest version, so the order in which deferred states arrive does not matter).</summary>
    private async ValueTask FollowAsync(IReadOnlyList<CustomerState> saved)
    {
        if (_transactions is not null && await OpenTransaction.RegisterAsync(_transactions, open => open.WhenEnded(committed =>
            {
                if (committed)
                {
                    Upsert(saved);
                }
            })).ConfigureAwait(false))
        {
            return;
        }

        Upsert(saved);
    }

    private void Upsert(IReadOnlyList<CustomerState> saved)
    {
        foreach (var state in saved)
        {
            Index.Upsert(state);
        }
    }

    /// <summary>The wrapped store's key lookup.</summary>
    private protected ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysThroughAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken) =>
        ((ICustomerKeyIndex)Inner).FindByKeysAsync(keys, cancellationToken);

    private sealed class Batch(ICustomerRepository inner, CallerIdIndex index, IStoreTransactions? transactions) : CallerIdCustomerRepository(inner, index, transactions), ICustomerBatchRepository
    {
        public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) =>
            SaveAllThroughAsync(writes, cancellationToken);
    }

    private sealed class Keyed(ICustomerRepository inner, CallerIdIndex index, IStoreTransactions? transactions) : CallerIdCustomerRepository(inner, index, transactions), ICustomerKeyIndex
    {
        public ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default) =>
            FindByKeysThroughAsync(keys, cancellationToken);
    }

    private sealed class BatchKeyed(ICustomerRepository inner, CallerIdIndex index, IStoreTransactions? transactions) : CallerIdCustomerRepository(inner, index, transactions), ICustomerBatchRepository, ICustomerKeyIndex
    {
        public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) =>
            SaveAllThroughAsync(writes, cancellationToken);

        public ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default) =>
            FindByKeysThroughAsync(keys, cancellationToken);
    }
}
