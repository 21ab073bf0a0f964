namespace CrmCore.Desk;

/// <summary>
/// What <see cref="IStoreTransactions.Begin"/> returns while a transaction is already open on the same asynchronous flow: the new one
/// joins it, so its own commit and dispose do nothing and what it wrote commits or rolls back with the open one. A caller that keeps state
/// beside the stores (the desk's in-memory queue) learns the outcome through <see cref="WhenEnded"/>. Not thread-safe: use it from the
/// flow that began it.
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
}
