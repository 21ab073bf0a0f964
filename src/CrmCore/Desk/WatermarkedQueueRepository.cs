using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>The desk's view of its <see cref="IQueueRepository"/>: tells its <see cref="QueueWatermark"/> about every write that changed the stored queue.</summary>
internal sealed class WatermarkedQueueRepository(IQueueRepository inner, QueueWatermark mark) : IQueueRepository
{
    /// <inheritdoc />
    public bool ChangesLockedUntilCommit => inner.ChangesLockedUntilCommit;

    /// <inheritdoc />
    public async ValueTask<bool> AddAsync(QueueEntryState entry, CancellationToken cancellationToken = default) =>
        Count(await inner.AddAsync(entry, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async ValueTask<bool> UpdateAsync(QueueEntryState entry, CancellationToken cancellationToken = default) =>
        Count(await inner.UpdateAsync(entry, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async ValueTask<bool> RemoveAsync(TicketId id, CancellationToken cancellationToken = default) =>
        Count(await inner.RemoveAsync(id, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public IAsyncEnumerable<QueueEntryState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> LastChangeAsync(CancellationToken cancellationToken = default) => inner.LastChangeAsync(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<QueueChange> ChangesAsync(long after, CancellationToken cancellationToken = default) => inner.ChangesAsync(after, cancellationToken);

    private bool Count(bool changed)
    {
        if (changed)
        {
            mark.Wrote();
        }

        return changed;
    }
}
