using System.Collections;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reading;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Import.Tests;

/// <summary>The reading thread and the writing thread of the import: what is written, when, and what happens when either fails.</summary>
public class PipelineOrderTests
{
    private static readonly string?[] Header = ["客户编号", "客户名称", "联系电话"];

    private static IEnumerable<SourceRow> Rows(int count) =>
        [new SourceRow(1, Header), .. Enumerable.Range(1, count).Select(i => new SourceRow(i + 1, [$"KH{i:D3}", $"公司{i}", $"1380000{i:D4}"]))];

    [Fact]
    public async Task Import_PreparingABatchFails_WritesTheBatchesBeforeIt()
    {
        // Batches of two: rows 1-2, 3-4, then a row the preparing stage cannot take (no cells at all), then good rows again. A sequential
        // pass writes the first two batches before it fails on the third, and nothing after; so must the pipeline (whose reading thread
        // reads, and may prepare, past the bad row).
        var store = new InMemoryCustomerRepository();
        IEnumerable<SourceRow> rows = [.. Rows(4), new SourceRow(6, null!), .. Enumerable.Range(5, 20).Select(i => new SourceRow(i + 2, [$"KH{i:D3}", $"公司{i}", $"1380000{i:D4}"]))];

        await Assert.ThrowsAsync<ArgumentNullException>(() => Samples.Importer(store, new CustomerImportOptions { BatchSize = 2 }).ImportRowsAsync(rows, "broken.csv"));

        var written = (await Samples.AllAsync(store)).Select(c => c.Id.Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["KH001", "KH002", "KH003", "KH004"], written);
    }

    [Fact]
    public async Task Import_ClockMovesWhileWriting_EachBatchIsStampedAfterTheBatchBeforeItWasSaved()
    {
        // The store moves the clock on at every batch save: each batch's customers must be created at or after the save of the batch
        // before them (the instant is read when the batch's writing starts, not when the batch is read ahead).
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 10, 2, 0));
        var store = new ClockedStore(new InMemoryCustomerRepository(), clock);

        var report = await new CustomerImporter(store, clock, new CustomerImportOptions { BatchSize = 2 }).ImportRowsAsync(Rows(6), "six.csv");

        Assert.Equal(6, report.Totals.Inserted);
        Assert.Equal(3, store.Saves.Count);
        for (var k = 1; k < store.Saves.Count; k++)
        {
            Assert.All(store.Saves[k].States, s => Assert.True(s.CreatedAt >= store.Saves[k - 1].At, $"batch {k + 1} created at {s.CreatedAt}, batch {k} saved at {store.Saves[k - 1].At}"));
        }
    }

    [Fact]
    public async Task Import_StoreFailsOnTheSecondBatch_StopsReadingClosesTheRowsAndSurfacesTheError()
    {
        var rows = new RecordingRows(Rows(40));
        var store = new FailingStore(new InMemoryCustomerRepository(), failOnSave: 2);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Samples.Importer(store, new CustomerImportOptions { BatchSize = 2 }).ImportRowsAsync(rows, "forty.csv"));

        Assert.Equal("store down", error.Message);
        Assert.True(rows.Disposed, "the rows were not closed when the import failed");
        // Read at most a little ahead: the header, the two batches taken (4 rows), up to 8 waiting pieces of 2 rows, and one in hand.
        var readAtFailure = rows.MoveNexts;
        Assert.InRange(readAtFailure, 7, 1 + 4 + (8 * 2) + 2);
        Assert.Equal(0, rows.MoveNextsAfterDispose);
        Assert.Equal(["KH001", "KH002"], (await Samples.AllAsync(store)).Select(c => c.Id.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_StoreFailsOnTheSecondBatch_LeavesTheFileClosed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"csv9-{Guid.NewGuid():N}.csv");
        var csv = new StringBuilder("客户编号,客户名称,联系电话\n");
        for (var i = 1; i <= 40; i++)
        {
            csv.Append($"KH{i:D3},公司{i},1380000{i:D4}\n");
        }

        await File.WriteAllTextAsync(path, csv.ToString());
        try
        {
            var store = new FailingStore(new InMemoryCustomerRepository(), failOnSave: 2);

            await Assert.ThrowsAsync<InvalidOperationException>(() => Samples.Importer(store, new CustomerImportOptions { BatchSize = 2 }).ImportAsync(path));

            // Nothing holds the file open any more: it can be opened for writing with no sharing.
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ExpectedRows_FirstRowsOfMixedLength_NeverGuessesMoreRowsThanTheFileHas()
    {
        // A first batch of mostly short rows and one long one, then a file of rows as long as that one: the guess must not exceed the rows
        // the file really has (a mean row size, about a tenth of the longest here, would guess about ten times too many).
        var longRow = new SourceRow(0, [new string('长', 40), new string('x', 60), "13800000000"]);
        var first = Enumerable.Range(1, 999).Select(i => new SourceRow(i, [$"{i}", "a"])).Append(longRow).ToList();
        // Each row as written with CRLF line ends: a separator per cell (the last one the line feed) and the carriage return.
        var longBytes = 1 + longRow.Cells.Sum(c => 1 + Encoding.UTF8.GetByteCount(c!));
        var firstBytes = first.Sum(r => 1 + r.Cells.Sum(c => 1 + Encoding.UTF8.GetByteCount(c!)));
        const int longCount = 100_000;

        var guess = CustomerImporter.ExpectedRows(first, firstBytes + ((long)longBytes * longCount));

        Assert.InRange(guess, 1, first.Count + longCount);
        Assert.Equal(longCount, CustomerImporter.ExpectedRows([longRow], (long)longBytes * longCount));
    }

    /// <summary>Rows that count how often they are read and whether they were closed.</summary>
    private sealed class RecordingRows(IEnumerable<SourceRow> rows) : IEnumerable<SourceRow>
    {
        private int _moveNexts;
        private int _afterDispose;

        public int MoveNexts => Volatile.Read(ref _moveNexts);

        public int MoveNextsAfterDispose => Volatile.Read(ref _afterDispose);

        public bool Disposed { get; private set; }

        public IEnumerator<SourceRow> GetEnumerator() => new Enumerator(this, rows.GetEnumerator());

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private sealed class Enumerator(RecordingRows owner, IEnumerator<SourceRow> inner) : IEnumerator<SourceRow>
        {
            public SourceRow Current => inner.Current;

            object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                Interlocked.Increment(ref owner.Disposed ? ref owner._afterDispose : ref owner._moveNexts);
                return inner.MoveNext();
            }

            public void Reset() => inner.Reset();

            public void Dispose()
            {
                owner.Disposed = true;
                inner.Dispose();
            }
        }
    }

    /// <summary>A batch store with a key index whose batch write throws on the given call.</summary>
    private sealed class FailingStore(InMemoryCustomerRepository inner, int failOnSave) : ICustomerBatchRepository, ICustomerKeyIndex
    {
        private int _saves;

        public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) => inner.SaveAsync(state, expectedVersion, cancellationToken);

        public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) =>
            ++_saves == failOnSave ? throw new InvalidOperationException("store down") : inner.SaveAllAsync(writes, cancellationToken);

        public ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default) =>
            inner.FindByKeysAsync(keys, cancellationToken);
    }

    /// <summary>A batch store with a key index that records the instant of each batch write and then moves the clock on a minute.</summary>
    private sealed class ClockedStore(InMemoryCustomerRepository inner, FakeClock clock) : ICustomerBatchRepository, ICustomerKeyIndex
    {
        public List<(Instant At, List<CustomerState> States)> Saves { get; } = [];

        public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) => inner.SaveAsync(state, expectedVersion, cancellationToken);

        public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public async ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default)
        {
            await inner.SaveAllAsync(writes, cancellationToken);
            Saves.Add((clock.GetCurrentInstant(), [.. writes.Select(w => w.State)]));
            clock.AdvanceMinutes(1);
        }

        public ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default) =>
            inner.FindByKeysAsync(keys, cancellationToken);
    }
}
