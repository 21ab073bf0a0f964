using CrmCore.Customers;

namespace CrmCore.Desk;

/// <summary>
/// A customer store that can write several customers as one unit: all of them, or none (an import's batch). The memory, SQLite and
/// PostgreSQL stores implement it. Thread-safe.
/// </summary>
public interface ICustomerBatchRepository : ICustomerRepository
{
    /// <summary>Writes customers in one transaction, each only if nobody wrote it since it was read (as <see cref="ICustomerRepository.SaveAsync"/>).</summary>
    /// <param name="writes">The new states with the versions read before the change (0 for a new customer); at most one per customer.</param>
    /// <param name="cancellationToken">Cancels the write before it commits.</param>
    /// <exception cref="ConcurrencyConflictException">A stored version differs; nothing of the batch is written.</exception>
    /// <exception cref="ArgumentException">A customer appears twice, or a new version is not above its expected version.</exception>
    ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default);
}
