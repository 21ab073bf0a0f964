using CrmCore.CallerId;
using CrmCore.Customers;
using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Tests.CallerId;

public class CallerIdIndexTests
{
    private static CustomerState Customer(string id, params (string? Phone, string? Email)[] contacts) => new()
    {
        Id = new CustomerId(id),
        Version = 1,
        Name = "客户" + id,
        FirstContactOn = new LocalDate(2026, 1, 1),
        CreatedAt = Instant.FromUtc(2026, 1, 1, 0, 0),
        Contacts = [.. contacts.Select((c, i) => new Contact("联系人" + i, ContactRole.DecisionMaker) { Phone = c.Phone, Email = c.Email })],
    };

    [Theory]
    [InlineData("13812345678")]
    [InlineData("+86 138-1234-5678")]
    [InlineData("008613812345678")]
    [InlineData("１３８１２３４５６７８")]
    [InlineData("Zhang@Example.com")]
    [InlineData(" zhang＠example.com ")]
    public void TryFind_AnyNormalisedForm_FindsTheCustomer(string presented)
    {
        var index = new CallerIdIndex();
        index.Upsert(Customer("KH0001", ("138 1234 5678", "zhang@example.com")));
        index.Upsert(Customer("KH0002", ("021-12345678", null)));

        Assert.True(index.TryFind(presented, out var found));
        Assert.Equal(new CustomerId("KH0001"), found);
    }

    [Fact]
    public void Upsert_ChangedNumber_ForgetsTheOldOne()
    {
        var index = new CallerIdIndex();
        index.Upsert(Customer("KH0001", ("13812345678", null)));
        index.Upsert(Customer("KH0001", ("13900000000", null)));

        Assert.False(index.TryFind("13812345678", out _));
        Assert.True(index.TryFind("13900000000", out _));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Find_SharedNumber_ListsEveryCustomerInOrder()
    {
        var index = new CallerIdIndex();
        index.Upsert(Customer("KH0001", ("400-800-1234", null)));
        index.Upsert(Customer("KH0002", ("4008001234", null)));

        Assert.Equal([new CustomerId("KH0001"), new CustomerId("KH0002")], index.Find("400 800 1234").ToArray());
        Assert.True(index.Remove(new CustomerId("KH0001")));
        Assert.Equal([new CustomerId("KH0002")], index.Find("4008001234").ToArray());
    }

    [Fact]
    public void TryFind_UnknownOrInvalid_FindsNothing()
    {
        var index = new CallerIdIndex();
        index.Upsert(Customer("KH0001", ("13812345678", null)));
        Assert.False(index.TryFind("13812345679", out _));
        Assert.False(index.TryFind("not a number", out _));
        Assert.False(index.TryFind("nobody@example.com", out _));
    }

    [Fact]
    public async Task CallerIdCustomerRepository_Save_KeepsTheIndexCurrent()
    {
        var store = new InMemoryCustomerRepository();
        await store.SaveAsync(Customer("KH0001", ("13812345678", null)), 0);
        var index = await CallerIdIndex.BuildAsync(store);
        var repository = CallerIdCustomerRepository.Over(store, index);
        Assert.True(index.TryFind("13812345678", out _));

        await repository.SaveAsync(Customer("KH0001", ("13900000000", null)) with { Version = 2 }, 1);

        Assert.False(index.TryFind("13812345678", out _));
        Assert.True(index.TryFind("139 0000 0000", out var found));
        Assert.Equal(new CustomerId("KH0001"), found);
    }

    [Fact]
    public void Upsert_OlderThanTheIndexedState_IsIgnored_AlsoAfterTheCustomerIsRemoved_UntilANewerStateArrives()
    {
        var index = new CallerIdIndex();
        index.Upsert(Customer("KH0001", ("13900000000", null)) with { Version = 3 });
        index.Upsert(Customer("KH0001", ("13812345678", null)) with { Version = 2 });

        Assert.True(index.TryFind("13900000000", out _));
        Assert.False(index.TryFind("13812345678", out _));

        Assert.True(index.Remove(new CustomerId("KH0001")));
        index.Upsert(Customer("KH0001", ("13812345678", null)) with { Version = 1 });
        index.Upsert(Customer("KH0001", ("13900000000", null)) with { Version = 3 }); // the removed state itself
        Assert.False(index.TryFind("13812345678", out _));
        Assert.False(index.TryFind("13900000000", out _));
        Assert.Equal(0, index.Count);

        index.Upsert(Customer("KH0001", ("13700000000", null)) with { Version = 4 });
        Assert.True(index.TryFind("13700000000", out var found));
        Assert.Equal(new CustomerId("KH0001"), found);
        Assert.Equal(0, index.TombstoneCount);
    }

    [Fact]
    public void Remove_AtTheDeletedVersion_ASaveCommittedBeforeTheDeletionAndReportedAfterIt_DoesNotIndexItAgain()
    {
        // Indexed at version 1; version 2 is saved and committed, then the customer is deleted at version 2, then version 2's save is
        // reported. The last indexed version (1) alone would let it back in.
        var index = new CallerIdIndex();
        index.Upsert(Customer("KH0001", ("13812345678", null)) with { Version = 1 });

        Assert.True(index.Remove(new CustomerId("KH0001"), removedAtVersion: 2));
        index.Upsert(Customer("KH0001", ("13900000000", null)) with { Version = 2 });

        Assert.False(index.TryFind("13900000000", out _));
        Assert.False(index.TryFind("13812345678", out _));
        index.Upsert(Customer("KH0001", ("13700000000", null)) with { Version = 3 });
        Assert.True(index.TryFind("13700000000", out _));
    }

    [Fact]
    public void Remove_AtTheDeletedVersion_OfACustomerNeverIndexed_StillKeepsItsFirstSaveOut()
    {
        // Created and deleted before its first save was reported.
        var index = new CallerIdIndex();

        Assert.False(index.Remove(new CustomerId("KH0001"), removedAtVersion: 1));
        index.Upsert(Customer("KH0001", ("13812345678", null)) with { Version = 1 });

        Assert.False(index.TryFind("13812345678", out _));
        Assert.Equal(1, index.TombstoneCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Remove(new CustomerId("KH0002"), -1));
    }

    [Fact]
    public void Remove_TheSameTombstoneTwice_TakesOneSlotAndIsNotEvictedEarly()
    {
        var index = new CallerIdIndex(tombstoneCapacity: 2);
        index.Remove(new CustomerId("KH0001"), removedAtVersion: 5);
        index.Remove(new CustomerId("KH0001"), removedAtVersion: 5);
        index.Remove(new CustomerId("KH0002"), removedAtVersion: 1);

        index.Upsert(Customer("KH0001", ("13812345678", null)) with { Version = 5 });

        Assert.Equal(2, index.TombstoneCount);
        Assert.False(index.TryFind("13812345678", out _));
    }

    [Fact]
    public void Remove_OfAnIndexedCustomerWithoutContacts_KeepsItsTombstoneToo()
    {
        var index = new CallerIdIndex();
        index.Upsert(Customer("KH0001") with { Version = 2 });

        Assert.False(index.Remove(new CustomerId("KH0001"))); // nothing to find it by, but its version was indexed
        index.Upsert(Customer("KH0001", ("13812345678", null)) with { Version = 1 });

        Assert.False(index.TryFind("13812345678", out _));
        Assert.Equal(1, index.TombstoneCount);
    }

    [Fact]
    public void Remove_BeyondTheTombstoneCapacity_ForgetsTheOldestRemovalFirst()
    {
        var index = new CallerIdIndex(tombstoneCapacity: 2);
        foreach (var id in new[] { "KH0001", "KH0002", "KH0003" })
        {
            index.Upsert(Customer(id, ("1380000" + id[2..], null)) with { Version = 5 });
            index.Remove(new CustomerId(id));
        }

        // KH0002 indexed again and removed again: its first removal no longer counts as its tombstone.
        index.Upsert(Customer("KH0002", ("13800000002", null)) with { Version = 6 });
        index.Remove(new CustomerId("KH0002"));

        Assert.Equal(2, index.TombstoneCount);
        foreach (var id in new[] { "KH0001", "KH0002", "KH0003" })
        {
            index.Upsert(Customer(id, ("1380000" + id[2..], null)) with { Version = 5 });
        }

        Assert.True(index.TryFind("13800000001", out _)); // forgotten: the oldest removal
        Assert.False(index.TryFind("13800000002", out _));
        Assert.False(index.TryFind("13800000003", out _));
    }

    [Fact]
    public async Task CallerIdCustomerRepository_AnOlderSaveReportedAtItsCommit_AfterTheCustomerWasRemoved_DoesNotIndexItAgain()
    {
        var store = new InMemoryCustomerRepository();
        var index = new CallerIdIndex();
        var transactions = new HeldTransactions();
        var repository = CallerIdCustomerRepository.Over(store, index, transactions);

        // Version 1 is saved in a host transaction whose commit reports it late; version 2 is saved and indexed at once meanwhile.
        transactions.Open = true;
        await repository.SaveAsync(Customer("KH0001", ("13812345678", null)), 0);
        transactions.Open = false;
        await repository.SaveAsync(Customer("KH0001", ("13900000000", null)) with { Version = 2 }, 1);
        Assert.True(index.Remove(new CustomerId("KH0001")));
        transactions.EndAll(committed: true);

        Assert.False(index.TryFind("13812345678", out _));
        Assert.False(index.TryFind("13900000000", out _));
        Assert.Equal(0, index.Count);
    }

    /// <summary>Transactions of a host: while <see cref="Open"/>, a begun transaction joins an open one and keeps its end callbacks until
    /// <see cref="EndAll"/>.</summary>
    private sealed class HeldTransactions : IStoreTransactions
    {
        private readonly List<Action<bool>> _ended = [];

        public bool Open { get; set; }

        public IStoreTransaction Begin() => Open ? new Joined(_ended) : NoStoreTransactions.Instance;

        public void EndAll(bool committed)
        {
            foreach (var ended in _ended)
            {
                ended(committed);
            }

            _ended.Clear();
        }

        private sealed class Joined(List<Action<bool>> ended) : IJoinedStoreTransaction
        {
            public void WhenEnded(Action<bool> callback) => ended.Add(callback);

            public void WhenCommitted(Func<CancellationToken, ValueTask> committed) => ended.Add(done =>
            {
                if (done)
                {
                    committed(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                }
            });

            public ValueTask CommitAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task CallerIdCustomerRepository_ABatchReportedAfterANewerSave_DoesNotBringBackTheOldNumber()
    {
        var store = new HeldBatchStore(new InMemoryCustomerRepository());
        var repository = CallerIdCustomerRepository.Over(store, new CallerIdIndex());

        // The batch writes version 1 and is held before the wrapper indexes it; a newer single save goes through meanwhile.
        var batch = ((ICustomerBatchRepository)repository).SaveAllAsync([(Customer("KH0001", ("13812345678", null)), 0)]).AsTask();
        await store.Saved;
        await repository.SaveAsync(Customer("KH0001", ("13900000000", null)) with { Version = 2 }, 1);
        store.Release();
        await batch;

        Assert.True(repository.Index.TryFind("13900000000", out var found));
        Assert.Equal(new CustomerId("KH0001"), found);
        Assert.False(repository.Index.TryFind("13812345678", out _));
    }

    /// <summary>A batch store whose batch write, once written, waits to return until <see cref="Release"/>.</summary>
    private sealed class HeldBatchStore(InMemoryCustomerRepository inner) : ICustomerBatchRepository
    {
        private readonly TaskCompletionSource _saved = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Saved => _saved.Task;

        public void Release() => _release.SetResult();

        public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) =>
            inner.SaveAsync(state, expectedVersion, cancellationToken);

        public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public async ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default)
        {
            await inner.SaveAllAsync(writes, cancellationToken);
            _saved.SetResult();
            await _release.Task;
        }
    }
}
