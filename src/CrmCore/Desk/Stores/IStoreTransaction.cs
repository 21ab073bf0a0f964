namespace CrmCore.Desk;

/// <summary>One open <see cref="IStoreTransactions"/> transaction. Not thread-safe: use it from the flow that began it.</summary>
public interface IStoreTransaction : IAsyncDisposable
{
    /// <summary>Commits what the stores wrote since <see cref="IStoreTransactions.Begin"/>; afterwards the stores work on their own again.</summary>
    /// <param name="cancellationToken">Cancels the commit before it is sent.</param>
    /// <returns>A task that completes when the transaction is committed.</returns>
    /// <exception cref="InvalidOperationException">The transaction was already committed or disposed.</exception>
    ValueTask CommitAsync(CancellationToken cancellationToken = default);
}
