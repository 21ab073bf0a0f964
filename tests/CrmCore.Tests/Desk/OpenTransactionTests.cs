using CrmCore.Desk;

namespace CrmCore.Tests.Desk;

/// <summary>
/// <see cref="OpenTransaction.RegisterAsync"/> asks transactions that can tell (<see cref="IOpenTransactionProbe"/>) before beginning one:
/// outside a transaction it begins nothing; inside one it registers through the joined transaction, as for any other transactions.
/// </summary>
public class OpenTransactionTests
{
    [Fact]
    public async Task RegisterAsync_NoTransactionOpenOnTheFlow_BeginsNothing_AndRegistersNothing()
    {
        var transactions = new ProbedTransactions { Open = false };
        var registered = 0;

        Assert.False(await OpenTransaction.RegisterAsync(transactions, _ => registered++));
        Assert.Equal(0, transactions.Begun);
        Assert.Equal(0, registered);
    }

    [Fact]
    public async Task RegisterAsync_ATransactionOpenOnTheFlow_RegistersThroughTheJoinedOne()
    {
        var transactions = new ProbedTransactions { Open = true };
        IJoinedStoreTransaction? seen = null;

        Assert.True(await OpenTransaction.RegisterAsync(transactions, joined => seen = joined));
        Assert.Equal(1, transactions.Begun);
        Assert.NotNull(seen);
    }

    /// <summary>Transactions that say whether one is open and count how many were begun (a joined one while open).</summary>
    private sealed class ProbedTransactions : IStoreTransactions, IOpenTransactionProbe
    {
        public bool Open { get; init; }

        public int Begun { get; private set; }

        public bool IsOpenOnFlow => Open;

        public IStoreTransaction Begin()
        {
            Begun++;
            return Open ? new Joined() : NoStoreTransactions.Instance;
        }

        private sealed class Joined : IJoinedStoreTransaction
        {
            public void WhenEnded(Action<bool> ended)
            {
            }

            public void WhenCommitted(Func<CancellationToken, ValueTask> committed)
            {
            }

            public ValueTask CommitAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
