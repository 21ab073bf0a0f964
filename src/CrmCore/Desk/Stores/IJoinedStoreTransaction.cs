namespace CrmCore.Desk;

/// <summary>
/// What <see cref="IStoreTransactions.Begin"/> returns while a transaction is already open on the same asynchronous flow: the new one
/// joins it, and what it wrote commits or rolls back with the open one. It has a savepoint of its own: its commit keeps its work in the
/// open transaction, and a dispose without a commit undoes only its own work (a desk command that fails partway leaves nothing of itself
/// in a host's transaction, and the host's earlier work stays). A caller that keeps state beside the stores (the desk's in-memory queue)
/// learns the outcome through <see cref="WhenEnded"/>; work that must wait for the outcome (the desk's events) registers with
/// <see cref="WhenCommitted"/>. Not thread-safe: use it from the flow that began it.
/// </summary>
public interface IJoinedStoreTransaction : IStoreTransaction
{
    /// <summary>
    /// Registers <paramref name="ended"/> to run once when the transaction this one joined ends: with <see langword="true"/> after it
    /// committed, with <see langword="false"/> after it rolled back (disposed without a commit, or its commit failed). It runs on the flow
    /// that ends that transaction, so it must be quick, must not throw and must not wait for anything.
    /// </summary>
    /// <param name="ended">What to run.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ended"/> is null.</exception>
    void WhenEnded(Action<bool> ended);

    /// <summary>
    /// Registers <paramref name="committed"/> to run once after the transaction this one joined has committed, never when it rolls back.
    /// That commit awaits it (with the other registered work, in the order registered) before it returns; if it throws, the commit throws
    /// its exception after all of them ran, with the data already committed.
    /// </summary>
    /// <param name="committed">What to run, given the commit's cancellation token.</param>
    /// <exception cref="ArgumentNullException"><paramref name="committed"/> is null.</exception>
    void WhenCommitted(Func<CancellationToken, ValueTask> committed);
}
