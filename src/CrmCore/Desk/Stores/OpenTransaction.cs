namespace CrmCore.Desk;

/// <summary>Work that must wait for the host's transaction when one is open on the flow (its writes are not committed yet).</summary>
internal static class OpenTransaction
{
    /// <summary>
    /// When a transaction is open on the flow, lets <paramref name="register"/> add its end callbacks to it and returns true; otherwise
    /// returns false and registers nothing. Transactions that can say so without beginning one (<see cref="IOpenTransactionProbe"/>)
    /// are asked first: outside a transaction nothing is begun.
    /// </summary>
    public static async ValueTask<bool> RegisterAsync(IStoreTransactions transactions, Action<IJoinedStoreTransaction> register)
    {
        if (transactions is IOpenTransactionProbe { IsOpenOnFlow: false })
        {
            return false;
        }

        var probe = transactions.Begin();
        await using (probe.ConfigureAwait(false))
        {
            if (probe is not IJoinedStoreTransaction joined)
            {
                return false;
            }

            register(joined);

            // Committed, the probe keeps what was registered through it (disposed without a commit, it would drop it). It never reached
            // the database: its commit writes nothing.
            await joined.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }
    }
}
