namespace CrmCore.Desk;

/// <summary>
/// What <see cref="IStoreTransactions.Begin"/> returns while a transaction is already open on the same asynchronous flow: the new one
/// joins it, and what it wrote commits or rolls back with the open one. It has a savepoint of its own: its commit keeps its work in the
/// open transaction, and a dispose without a commit undoes only its own work (a desk command that fails partway leaves nothing of itself
/// in a host's transaction, and the host's earlier work stays). A caller that keeps state beside the stores (the desk's in-memory queue)
/// learns the outcome through <see cref="WhenEnded"/>; work that must wait for the outcome (the desk's events) registers with
/// <see cref="WhenCommitted"/>. What is registered goes with the work: a dispose without a commit ends it at once as rolled back.
/// Not thread-safe: use it from the flow that began it.
/// </summary>
public interface IJoinedStoreTransaction : IStoreTransaction
{
    /// <summary>
    /// Registers <paramref name="ended"/> to run once when the work of this transaction is settled: with <see langword="true"/> after the
    /// transaction it joined committed, with <see langword="false"/> after that one rolled back (disposed without a commit, or its commit
    /// failed), or at once when this transaction, or one it joined inside the open one, is disposed without a commit (its work is rolled
    /// back to its savepoint, whatever the open one does later). It runs on the flow that ends the transaction, so it must be quick, must
    /// not throw and must not wait for anything. (When it throws after a failed commit, the commit's own exception is thrown, with what it
    /// threw in its <see cref="Exception.Data"/> under <c>CrmCore.StoreTransaction.CallbackFailures</c>.)
    /// </summary>
    /// <param name="ended">What to run.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ended"/> is null.</exception>
    void WhenEnded(Action<bool> ended);

    /// <summary>
    /// Registers <paramref name="committed"/> to run once after the transaction this one joined has committed, never when it rolls back,
    /// and never once this transaction, or one it joined inside the open one, is disposed without a commit (its work is rolled back). So
    /// register, then commit this transaction: disposed without a commit, it drops what was registered through it. The commit of the open
    /// transaction awaits it (with the other registered work, in the order registered) before it returns; if it throws, that commit throws
    /// its exception after all of them ran, with the data already committed.
    /// </summary>
    /// <param name="committed">What to run; it is given <see cref="CancellationToken.None"/>: the data is committed by then, and a
    /// cancellation must not make the caller of the commit believe otherwise.</param>
    /// <exception cref="ArgumentNullException"><paramref name="committed"/> is null.</exception>
    void WhenCommitted(Func<CancellationToken, ValueTask> committed);
}
