using CrmCore.Desk;

namespace CrmCore.Storage;

/// <summary>A transaction begun while <paramref name="session"/> was open on the flow: it joins it (commit and dispose do nothing) and
/// reports the session's outcome. Not thread-safe.</summary>
internal sealed class DbJoinedTransaction(DbSession session) : IJoinedStoreTransaction
{
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void WhenEnded(Action<bool> ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        session.WhenEnded(ended);
    }
}
