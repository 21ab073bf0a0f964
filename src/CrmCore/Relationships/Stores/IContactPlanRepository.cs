using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Interactions;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// Where contact plan entries and contact records (<see cref="Interaction"/>, 沟通记录) are kept. <see cref="InMemoryContactPlanRepository"/>
/// is the default; the SQLite and PostgreSQL storage packages replace it. Implementations are thread-safe.
/// </summary>
public interface IContactPlanRepository
{
    /// <summary>The entry with an id, or null.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored state or null.</returns>
    ValueTask<ContactPlanEntryState?> FindAsync(PlanEntryId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves an entry if the stored version is <paramref name="expectedVersion"/> (0: the entry must not exist yet), together with the
    /// contact record of a completed contact when one is given, in one write: both or neither.
    /// </summary>
    /// <param name="state">The new state; its version must be above <paramref name="expectedVersion"/>.</param>
    /// <param name="expectedVersion">The version read before the change; 0 for a new entry.</param>
    /// <param name="contact">The contact record to append with it; null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>; nothing is written.</exception>
    /// <exception cref="ArgumentException">The new version is not above <paramref name="expectedVersion"/>.</exception>
    ValueTask SaveAsync(ContactPlanEntryState state, long expectedVersion, Interaction? contact = null, CancellationToken cancellationToken = default);

    /// <summary>The entries a query selects, ordered by planned time, then id.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<ContactPlanEntryState> ListAsync(ContactPlanQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The open entries that owe a reminder at <paramref name="now"/>: planned at or before it and either not yet reminded as due, or
    /// due by then and not yet reminded as overdue. Ordered by planned time, then id. What the desk's timer reads.
    /// </summary>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<ContactPlanEntryState> ListOwingRemindersAsync(Instant now, CancellationToken cancellationToken = default);

    /// <summary>Appends a contact record that belongs to no plan entry.</summary>
    /// <param name="contact">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    ValueTask AppendContactAsync(Interaction contact, CancellationToken cancellationToken = default);

    /// <summary>The contact records of a customer, oldest first (in the order they were appended when times are equal).</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<Interaction> ListContactsAsync(CustomerId customer, CancellationToken cancellationToken = default);
}
