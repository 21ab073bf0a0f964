using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using NodaTime;

namespace CrmCore.Import.Tests;

/// <summary>
/// A real first-contact date replaces the one the import filled in (QA wave 15 round 2, item 3): a customer first imported without
/// 首次接触时间 got the import's day; a later file with the date updated nothing (<c>无变化</c>). Each on the store's key index and on
/// the whole-run index, with batches of 1 and 500 rows.
/// </summary>
public sealed class CustomerFirstContactUpdateTests
{
    public static TheoryData<bool, int> Paths => new() { { true, 1 }, { true, 500 }, { false, 1 }, { false, 500 } };

    private static async Task<ImportReport> ImportAsync(InMemoryCustomerRepository memory, bool keyIndex, int batchSize, string csv)
    {
        ICustomerRepository store = keyIndex ? memory : new WithoutKeyIndex(memory);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await Samples.Importer(store, new CustomerImportOptions { BatchSize = batchSize }).ImportAsync(stream, "test.csv");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ARealDate_ReplacesTheImportDay_ThenNothingChanges(bool keyIndex, int batchSize)
    {
        var store = new InMemoryCustomerRepository();
        await ImportAsync(store, keyIndex, batchSize, "客户编号,客户名称,联系电话\nKH002,贸易公司,13822223333\n");
        var defaulted = (await store.FindAsync(new CustomerId("KH002")))!;
        Assert.Equal(new LocalDate(2026, 3, 10), defaulted.FirstContactOn);

        const string WithDate = "客户编号,客户名称,联系电话,首次接触时间\nKH002,贸易公司,13822223333,2022-02-02\n";
        var update = await ImportAsync(store, keyIndex, batchSize, WithDate);

        Assert.Equal(ImportOutcome.Updated, update.Rows[0].Outcome);
        var updated = (await store.FindAsync(new CustomerId("KH002")))!;
        Assert.Equal(new LocalDate(2022, 2, 2), updated.FirstContactOn);
        Assert.Equal(defaulted.Version + 1, updated.Version);

        var again = await ImportAsync(store, keyIndex, batchSize, WithDate);
        Assert.Equal(ImportOutcome.Unchanged, again.Rows[0].Outcome);
        Assert.Equal(updated.Version, (await store.FindAsync(new CustomerId("KH002")))!.Version);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ADuplicateByPhone_GivesAnEarlierDate_ButNotALaterOne(bool keyIndex, int batchSize)
    {
        var store = new InMemoryCustomerRepository();
        await ImportAsync(store, keyIndex, batchSize, "客户编号,客户名称,联系电话,首次接触时间\nKH003,制造公司,13822224444,2023-05-05\n");

        await ImportAsync(store, keyIndex, batchSize, "客户名称,联系电话,首次接触时间\n别名公司,13822224444,2024-06-06\n");
        Assert.Equal(new LocalDate(2023, 5, 5), (await store.FindAsync(new CustomerId("KH003")))!.FirstContactOn);

        var earlier = await ImportAsync(store, keyIndex, batchSize, "客户名称,联系电话,首次接触时间\n别名公司,13822224444,2021-01-01\n");
        Assert.Equal((ImportOutcome.Merged, "KH003"), (earlier.Rows[0].Outcome, earlier.Rows[0].CustomerId));
        Assert.Equal(new LocalDate(2021, 1, 1), (await store.FindAsync(new CustomerId("KH003")))!.FirstContactOn);
        Assert.Single(await Samples.AllAsync(store));
    }
}
