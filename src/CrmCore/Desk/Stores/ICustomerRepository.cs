using CrmCore.Customers;

namespace CrmCore.Desk;

/// <summary>
/// Where the service desk keeps customers, one record each, as <see cref="CustomerState"/> (restore with <see cref="Customer.Restore"/>).
/// Not to be confused with <c>CrmCore.Rules.Bulk.CustomerStore</c>, the columnar snapshot the bulk classifier reads: that one is an
/// in-memory analysis table, this one is the record of each customer. The default is <see cref="InMemoryCustomerRepository"/>.
/// Implementations must be thread-safe.
/// </summary>
public interface ICustomerRepository
{
    /// <summary>Reads one customer.</summary>
    /// <param name="id">The customer id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored state, or null when there is no such customer.</returns>
    ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default);

    /// <summary>Writes a customer if nobody wrote it since it was read (as <see cref="ITicketRepository.SaveAsync"/>).</summary>
    /// <param name="state">The new state.</param>
    /// <param name="expectedVersion">The version read before the change; 0 for a new customer.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ConcurrencyConflictException">The stored version differs; nothing is written.</exception>
    ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Lists every stored customer, ordered by id.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The states.</returns>
    IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default);
}
