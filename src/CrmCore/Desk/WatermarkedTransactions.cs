namespace CrmCore.Desk;

/// <summary>The desk's view of <see cref="IStoreTransactions"/>: tells its <see cref="QueueWatermark"/> when a transaction begins, commits and
/// ends, and its <see cref="QueueUndo"/> when its outermost one joined a transaction a host had open on the flow.</summary>
internal sealed class WatermarkedTransactions(IStoreTransactions inner, QueueWatermark mark, QueueUndo undo) : IStoreTransactions
{
    /// <inheritdoc />
    public IStoreTransaction Begin() => Watch(inner.Begin());

    /// <inheritdoc />
    public IStoreTransaction BeginAllOrNothing() => Watch(inner.BeginAllOrNothing());

    private Transaction Watch(IStoreTransaction transaction)
    {
        // A store returns NoStoreTransactions when it groups nothing (its commit commits nothing). A transaction that joined a host's counts
        // as the desk's own: if the host rolls back, QueueUndo lowers the mark again to where the command began.
        if (mark.Began(own: transaction is not NoStoreTransactions))
        {
            undo.Began(transaction, mark.Seen);
        }

        return new Transaction(transaction, mark, undo);
    }

    private sealed class Transaction(IStoreTransaction inner, QueueWatermark mark, QueueUndo undo) : IStoreTransaction
    {
        private bool _ended;

        public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
        {
            await inner.CommitAsync(cancellationToken).ConfigureAwait(false);
            mark.Committed();
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                if (!_ended)
                {
                    _ended = true;
                    if (mark.Ended())
                    {
                        undo.Ended();
                    }
                }
            }
        }
    }
}
