namespace CrmCore.Desk;

/// <summary>The desk's view of <see cref="IStoreTransactions"/>: tells its <see cref="QueueWatermark"/> when a transaction begins, commits and ends.</summary>
internal sealed class WatermarkedTransactions(IStoreTransactions inner, QueueWatermark mark) : IStoreTransactions
{
    /// <inheritdoc />
    public IStoreTransaction Begin()
    {
        var transaction = inner.Begin();
        // A store returns NoStoreTransactions when the flow already has a transaction open (or it groups nothing): its commit commits nothing.
        mark.Began(own: transaction is not NoStoreTransactions);
        return new Transaction(transaction, mark);
    }

    private sealed class Transaction(IStoreTransaction inner, QueueWatermark mark) : IStoreTransaction
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
                    mark.Ended();
                }
            }
        }
    }
}
