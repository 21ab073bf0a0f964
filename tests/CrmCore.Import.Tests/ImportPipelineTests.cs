using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Customers;

namespace CrmCore.Import.Tests;

/// <summary>The import reads and prepares on one thread and matches and writes on another; what it writes is what a sequential pass writes.</summary>
public class ImportPipelineTests
{
    [Fact]
    public async Task Import_RecordUnreadablePartWay_WritesEveryBatchReadWholeBeforeIt()
    {
        // Nine good rows, then a record that never ends (an open quote and more than 1 MiB): with batches of two, the failure comes while
        // the fifth batch is read. As in a sequential pass, the four batches read whole before it (eight rows) are written, the fifth is not.
        var csv = new StringBuilder("客户编号,客户名称,联系电话\n");
        for (var i = 1; i <= 9; i++)
        {
            csv.Append($"KH{i:D3},公司{i},1380000{i:D4}\n");
        }

        csv.Append("KH999,\"").Append('长', 600_000).Append('\n');
        var store = new InMemoryCustomerRepository();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));

        var error = await Assert.ThrowsAsync<ImportFileException>(() => Samples.Importer(store, new CustomerImportOptions { BatchSize = 2 }).ImportAsync(stream, "long.csv"));

        Assert.Equal(11, error.Line);
        var written = (await Samples.AllAsync(store)).Select(c => c.Id.Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["KH001", "KH002", "KH003", "KH004", "KH005", "KH006", "KH007", "KH008"], written);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Import_ManyBatches_ReportsEveryRowInFileOrder(bool keyIndex)
    {
        // More rows than one batch, with duplicates across batches (the same phone 700 rows later): outcomes in file order, duplicates
        // merged into the customer of the earlier batch.
        var csv = new StringBuilder("客户编号,客户名称,联系电话\n");
        for (var i = 1; i <= 2_000; i++)
        {
            csv.Append(i > 1_500 ? $",另一家{i},1380000{i - 700:D4}\n" : $"KH{i:D4},公司{i},1380000{i:D4}\n");
        }

        var memory = new InMemoryCustomerRepository();
        ICustomerRepository store = keyIndex ? memory : new WithoutKeyIndex(memory);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));

        var report = await Samples.Importer(store, new CustomerImportOptions { BatchSize = 100 }).ImportAsync(stream, "many.csv");

        Assert.Equal(Enumerable.Range(2, 2_000), report.Rows.Select(r => r.Line));
        Assert.Equal(1_500, report.Totals.Inserted);
        Assert.Equal(500, report.Totals.Merged);
        Assert.All(report.Rows.Skip(1_500), r => Assert.Equal($"KH{r.Line - 1 - 700:D4}", r.CustomerId));
        Assert.Equal(1_500, (await Samples.AllAsync(store)).Count);
    }

    /// <summary>A store without a key index: the import holds every customer's keys for the whole run (and sizes that index ahead).</summary>
    private sealed class WithoutKeyIndex(ICustomerRepository inner) : ICustomerRepository
    {
        public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) => inner.SaveAsync(state, expectedVersion, cancellationToken);

        public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
    }
}
