using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Export;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

/// <summary>
/// An export imported again is unchanged, also for a customer whose contacts share a phone or an e-mail (QA wave 15 round 2, item 7):
/// the export's second row of the customer was reported merged (<c>已合并到 KH5001：与第3行的客户编号相同</c>) on every run though
/// nothing was written (and held under HoldForReview). Each merge policy, on the store's key index and on the whole-run index, with batches of 1 and 500 rows.
/// </summary>
public sealed class ExportSharedContactReimportTests
{
    public static TheoryData<bool, int, MergePolicy> PathsAndPolicies()
    {
        var data = new TheoryData<bool, int, MergePolicy>();
        foreach (var policy in new[] { MergePolicy.KeepNewest, MergePolicy.FillBlanks, MergePolicy.HoldForReview })
        {
            foreach (var (keyIndex, batchSize) in new[] { (true, 1), (true, 500), (false, 1), (false, 500) })
            {
                data.Add(keyIndex, batchSize, policy);
            }
        }

        return data;
    }

    private static CustomerImporter Importer(InMemoryCustomerRepository memory, bool keyIndex, int batchSize, MergePolicy policy = MergePolicy.KeepNewest) =>
        Samples.Importer(keyIndex ? memory : new WithoutKeyIndex(memory), new CustomerImportOptions { BatchSize = batchSize, MergePolicy = policy });

    [Theory]
    [MemberData(nameof(PathsAndPolicies))]
    public async Task AnExportOfContactsSharingAPhoneOrEmail_ImportedAgain_IsUnchanged(bool keyIndex, int batchSize, MergePolicy policy)
    {
        var store = new InMemoryCustomerRepository();
        const string Csv =
            "客户编号,客户名称,联系人,联系电话,邮箱,首次接触时间\n" +
            "KH5001,上海某某制造有限公司,张三,13812345678,zs@a.cn,2024-01-01\n" +
            "KH5001,上海某某制造有限公司,王五,13812345678,ww@b.cn,2024-01-01\n" +
            "KH5001,上海某某制造有限公司,赵六,13900001111,zs@a.cn,2024-01-01\n";
        using (var csv = new MemoryStream(Encoding.UTF8.GetBytes(Csv)))
        {
            await Importer(store, keyIndex, batchSize).ImportAsync(csv, "dup.csv");
        }

        var before = Assert.Single(await Samples.AllAsync(store));
        Assert.Equal(3, before.Contacts.Count);

        for (var run = 0; run < 2; run++)
        {
            using var file = new MemoryStream();
            CustomerExporter.WriteXlsx(await Samples.AllAsync(store), file, ExportLanguage.Chinese);
            file.Position = 0;
            var report = await Importer(store, keyIndex, batchSize, policy).ImportAsync(file, "export.xlsx");

            Assert.All(report.Rows, r => Assert.Equal(ImportOutcome.Unchanged, r.Outcome));
            Assert.Equal((3, 0), (report.Totals.Unchanged, report.Totals.Merged));
            Assert.Equal(before.Version, Assert.Single(await Samples.AllAsync(store)).Version);
        }
    }
}
