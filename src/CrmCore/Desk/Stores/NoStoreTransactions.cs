namespace CrmCore.Desk;

/// <summary>The <see cref="IStoreTransactions"/> of stores that write at once (the in-memory ones): begin and commit do nothing. Thread-safe.</summary>
public sealed class NoStoreTransactions : IStoreTransactions, IStoreTransaction
{
    private NoStoreTransactions()
    {
    }

    /// <summary>The one instance.</summary>
    public static NoStoreTransactions Instance { get; } = new();

    /// <inheritdoc />
    public IStoreTransaction Begin() => this;

    /// <inheritdoc />
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
