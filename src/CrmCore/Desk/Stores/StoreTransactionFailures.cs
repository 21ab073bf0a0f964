namespace CrmCore.Desk;

/// <summary>
/// Where the failures of a store transaction's clean-up go when another failure is already on its way, so that they never replace
/// it: a transaction disposed without a commit rolls back and runs the work registered for its end, and when that work throws, the
/// dispose throws it. Code that disposes a transaction because of a failure of its own uses <see cref="DisposeAfterAsync"/>, which
/// attaches what the dispose threw to that failure's <see cref="Exception.Data"/> under <see cref="DataKey"/> instead.
/// </summary>
public static class StoreTransactionFailures
{
    /// <summary>The key in <see cref="Exception.Data"/> under which a failure carries the exceptions its transaction's clean-up threw
    /// (an <see cref="Exception"/> array).</summary>
    public const string DataKey = "CrmCore.StoreTransaction.CallbackFailures";

    /// <summary>Disposes a transaction that <paramref name="failure"/> stopped; what the dispose throws is attached to the failure.</summary>
    /// <param name="transaction">The transaction, not committed.</param>
    /// <param name="failure">The failure that is being thrown.</param>
    /// <returns>A task that completes when the transaction is disposed.</returns>
    public static async ValueTask DisposeAfterAsync(this IStoreTransaction transaction, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(failure);
        try
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception cleanup)
        {
            var thrown = cleanup is AggregateException all ? all.InnerExceptions : [cleanup];
            failure.Data[DataKey] = ((Exception[]?)failure.Data[DataKey] ?? []).Concat(thrown).ToArray();
        }
    }
}
