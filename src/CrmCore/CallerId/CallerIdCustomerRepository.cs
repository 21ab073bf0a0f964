using System.Runtime.CompilerServices;
using CrmCore.Customers;
using CrmCore.Desk;

namespace CrmCore.CallerId;

/// <summary>
/// Wraps the desk's customer store so that a <see cref="CallerIdIndex"/> follows every saved customer: register it as the desk's
/// <see cref="ICustomerRepository"/> (after filling the index with <see cref="CallerIdIndex.BuildAsync"/>) and screen pops stay current.
/// Reads and lists go to the wrapped store unchanged. Thread-safe when the wrapped store is.
/// </summary>
public sealed class CallerIdCustomerRepository : ICustomerRepository
{
    private readonly ICustomerRepository _inner;

    /// <summary>Wraps a store.</summary>
    /// <param name="inner">The store that keeps the customers.</param>
    /// <param name="index">The index to keep current.</param>
    public CallerIdCustomerRepository(ICustomerRepository inner, CallerIdIndex index)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(index);
        _inner = inner;
        Index = index;
    }

    /// <summary>The index this store keeps current.</summary>
    public CallerIdIndex Index { get; }

    /// <inheritdoc />
    public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => _inner.FindAsync(id, cancellationToken);

    /// <inheritdoc />
    public async ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await _inner.SaveAsync(state, expectedVersion, cancellationToken).ConfigureAwait(false);
        Index.Upsert(state);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<CustomerState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var state in _inner.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return state;
        }
    }
}
