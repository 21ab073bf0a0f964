using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// The durable copy of the waiting queue: which tickets wait for an agent, in which group, with which priority. The desk's in-memory
/// <see cref="Routing.TicketQueue"/> is rebuilt from it at start. A ticket is queued at most once. The default is
/// <see cref="InMemoryQueueRepository"/>. Implementations must be thread-safe.
/// </summary>
public interface IQueueRepository
{
    /// <summary>Adds a waiting ticket.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>False (nothing written) when the ticket is already queued.</returns>
    ValueTask<bool> AddAsync(QueueEntryState entry, CancellationToken cancellationToken = default);

    /// <summary>Replaces the entry of a queued ticket (new group or priority).</summary>
    /// <param name="entry">The new entry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>False (nothing written) when the ticket is not queued.</returns>
    ValueTask<bool> UpdateAsync(QueueEntryState entry, CancellationToken cancellationToken = default);

    /// <summary>Removes a ticket from the queue (taken by an agent, or finished).</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>False when the ticket was not queued.</returns>
    ValueTask<bool> RemoveAsync(TicketId id, CancellationToken cancellationToken = default);

    /// <summary>Lists the queued tickets, ordered by enqueue instant then id.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<QueueEntryState> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The number of the last change made through <see cref="AddAsync"/>, <see cref="UpdateAsync"/> or <see cref="RemoveAsync"/>; 0 when
    /// none was made. Each of those writes that changed something takes the next number, in commit order, so a desk that read the queue
    /// after number <c>n</c> learns what changed since with <see cref="ChangesAsync"/>(<c>n</c>). The default (for stores written before
    /// it existed) is always 0: such a store reports no changes, and a desk sees only its own.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The last change number.</returns>
    ValueTask<long> LastChangeAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(0L);

    /// <summary>
    /// The tickets whose queue entry changed after change number <paramref name="after"/>, each once with its latest number, in number
    /// order, and its entry as stored now: null when it left the queue (taken, finished). This is how several desks on one store share
    /// the queue: each reads the changes since the last number it saw before it pulls. Inside a desk command's transaction on PostgreSQL,
    /// it also locks the change counter until the command commits, so no other desk changes the queue between this read and the
    /// command's own writes (SQLite's single writer gives the same). The default (for stores written before it existed) reports none.
    /// </summary>
    /// <param name="after">The last change number already seen; 0 for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The changes.</returns>
    IAsyncEnumerable<QueueChange> ChangesAsync(long after, CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<QueueChange>();

    /// <summary>
    /// True when, inside a desk command's transaction (<see cref="IStoreTransactions"/>), <see cref="ChangesAsync"/> keeps every other
    /// writer of the queue off until the transaction ends, so that the command's own writes take the next change numbers in a row. A desk
    /// then moves past its own changes when it commits instead of reading them back at its next command. The SQLite and PostgreSQL stores
    /// return true (SQLite's write lock, PostgreSQL's lock on the change counter); the default, false, makes the desk read every change.
    /// </summary>
    bool ChangesLockedUntilCommit => false;
}
