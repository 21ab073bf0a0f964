using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

/// <summary>
/// Under <see cref="MergePolicy.HoldForReview"/> a file imported again is unchanged, not sent for review (QA wave 15 round 2, item 4):
/// rows without ids matched their stored customers by name or phone and were all held, though they add nothing. A row that adds
/// something is still held. Each on the store's key index and on the whole-run index, with batches of 1 and 500 rows.
/// </summary>
public sealed class HoldForReviewReimportTests
{
    public static TheoryData<bool, int> Paths => new() { { true, 1 }, { true, 500 }, { false, 1 }, { false, 500 } };

    private const string Csv =
        "客户名称,联系人,联系电话,首次接触时间\n" +
        "东方公司,张三,13800000011,2024-01-01\n" +
        "西方公司,李四,13800000012,2024-01-01\n";

    private static async Task<ImportReport> ImportAsync(InMemoryCustomerRepository memory, bool keyIndex, int batchSize, string csv)
    {
        ICustomerRepository store = keyIndex ? memory : new WithoutKeyIndex(memory);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var options = new CustomerImportOptions { BatchSize = batchSize, MergePolicy = MergePolicy.HoldForReview };
        return await Samples.Importer(store, options).ImportAsync(stream, "test.csv");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task TheSameFileAgain_IsUnchanged_NotHeld(bool keyIndex, int batchSize)
    {
        var store = new InMemoryCustomerRepository();
        var first = await ImportAsync(store, keyIndex, batchSize, Csv);
        Assert.Equal(2, first.Totals.Inserted);

        var again = await ImportAsync(store, keyIndex, batchSize, Csv);

        Assert.All(again.Rows, r => Assert.Equal(ImportOutcome.Unchanged, r.Outcome));
        Assert.Equal((2, 0), (again.Totals.Unchanged, again.Totals.Held));
        Assert.All(await Samples.AllAsync(store), c => Assert.Equal(1, c.Version));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ARowThatAddsSomething_IsStillHeld_AndNothingIsWritten(bool keyIndex, int batchSize)
    {
        var store = new InMemoryCustomerRepository();
        await ImportAsync(store, keyIndex, batchSize, Csv);

        var report = await ImportAsync(store, keyIndex, batchSize, "客户名称,联系人,联系电话,邮箱,首次接触时间\n东方公司,张三,13800000011,zs@example.com,2024-01-01\n");

        Assert.Equal((ImportOutcome.Held, "Held"), (report.Rows[0].Outcome, report.Rows[0].ReasonCode));
        Assert.All(await Samples.AllAsync(store), c => Assert.Equal(1, c.Version));
        Assert.DoesNotContain(await Samples.AllAsync(store), c => c.Contacts.Any(x => x.Email is not null));
    }
}
