using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

/// <summary>
/// Two ids say two records (QA wave 15 round 2, item 2): a row with its own customer id is inserted, not merged into another customer
/// with an id, whatever they share (a phone, an e-mail, the company name); its report row says what matched and with which customer.
/// A customer imported without an id has one too (derived from its name, written by an export). Re-importing the file changes nothing. Each on the store's key index
/// (the per-batch index) and on the whole-run index, with batches of 1 and 500 rows.
/// </summary>
public sealed class CustomerOwnIdMatchTests
{
    public static TheoryData<bool, int> Paths => new() { { true, 1 }, { true, 500 }, { false, 1 }, { false, 500 } };

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    private const string SharedPhone =
        "客户编号,客户名称,联系人,联系电话,首次接触时间\n" +
        "KH0801,甲科技有限公司,张三,010-12345606,2024-01-01\n" +
        "KH0802,乙贸易有限公司,李四,010-12345606,2024-01-01\n";

    private const string SharedEmail =
        "客户编号,客户名称,联系人,邮箱,首次接触时间\n" +
        "KH0811,丙科技有限公司,王五,office@example.com,2024-01-01\n" +
        "KH0812,丁贸易有限公司,赵六,office@example.com,2024-01-01\n";

    private const string SameName =
        "客户编号,客户名称,联系人,联系电话,首次接触时间\n" +
        "KH0821,戊科技有限公司,钱七,13800000821,2024-01-01\n" +
        "KH0822,戊科技有限公司,孙八,13800000822,2024-01-01\n";

    private static async Task<ImportReport> ImportAsync(InMemoryCustomerRepository memory, bool keyIndex, int batchSize, string csv, CultureInfo? culture = null)
    {
        ICustomerRepository store = keyIndex ? memory : new WithoutKeyIndex(memory);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var options = new CustomerImportOptions { BatchSize = batchSize, Culture = culture ?? CultureInfo.InvariantCulture };
        return await Samples.Importer(store, options).ImportAsync(stream, "test.csv");
    }

    private static async Task<Dictionary<string, string>> SnapshotAsync(InMemoryCustomerRepository store) =>
        (await Samples.AllAsync(store)).ToDictionary(s => s.Id.Value, s => s.Name + ": " + string.Join("; ", s.Contacts.Select(c => $"{c.Name}/{c.Phone}/{c.Email}")));

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ASharedPhone_DoesNotMergeTwoIds(bool keyIndex, int batchSize) =>
        await TwoIdsStayTwo(keyIndex, batchSize, SharedPhone, "KH0801", "KH0802", "乙贸易有限公司", "李四", "phone");

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ASharedEmail_DoesNotMergeTwoIds(bool keyIndex, int batchSize) =>
        await TwoIdsStayTwo(keyIndex, batchSize, SharedEmail, "KH0811", "KH0812", "丁贸易有限公司", "赵六", "email");

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task TheSameCompanyName_DoesNotMergeTwoIds(bool keyIndex, int batchSize) =>
        await TwoIdsStayTwo(keyIndex, batchSize, SameName, "KH0821", "KH0822", "戊科技有限公司", "孙八", "name");

    private static async Task TwoIdsStayTwo(bool keyIndex, int batchSize, string csv, string firstId, string secondId, string secondName, string secondContact, string by)
    {
        var store = new InMemoryCustomerRepository();

        var first = await ImportAsync(store, keyIndex, batchSize, csv);

        Assert.Equal((2, 0), (first.Totals.Inserted, first.Totals.Merged));
        var own = first.Rows[1];
        Assert.Equal((ImportOutcome.Inserted, secondId, "OwnId", by, "line 2"), (own.Outcome, own.CustomerId, own.ReasonCode, own.MatchedBy, own.MatchedSource));
        Assert.Null(own.MatchScore);
        Assert.Contains(firstId, own.Reason, StringComparison.Ordinal);
        var all = await Samples.AllAsync(store);
        Assert.Equal([firstId, secondId], all.Select(c => c.Id.Value).Order(StringComparer.Ordinal));
        var second = all.Single(c => c.Id.Value == secondId);
        Assert.Equal(secondName, second.Name);
        Assert.Equal([secondContact], second.Contacts.Select(c => c.Name));
        Assert.DoesNotContain(all.Single(c => c.Id.Value == firstId).Contacts, c => c.Name == secondContact);

        var before = await SnapshotAsync(store);
        var again = await ImportAsync(store, keyIndex, batchSize, csv);

        Assert.All(again.Rows, r => Assert.Equal(ImportOutcome.Unchanged, r.Outcome));
        Assert.Equal(before, await SnapshotAsync(store));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task TheOwnIdReason_SaysWhatMatched_InChinese(bool keyIndex, int batchSize)
    {
        var report = await ImportAsync(new InMemoryCustomerRepository(), keyIndex, batchSize, SharedPhone, Chinese);

        Assert.Equal("已作为独立客户新增：与 KH0801（第2行）的电话相同，但本行有自己的客户编号", report.Rows[1].Reason);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ARowWithAnId_IsNotMergedIntoACustomerImportedWithoutOne_ItsDerivedIdIsAnIdToo(bool keyIndex, int batchSize)
    {
        var store = new InMemoryCustomerRepository();
        await ImportAsync(store, keyIndex, batchSize, "客户名称,联系人,联系电话,首次接触时间\n己科技有限公司,周九,13800000831,2024-01-01\n");
        var derived = Assert.Single(await Samples.AllAsync(store)).Id.Value;
        var report = await ImportAsync(store, keyIndex, batchSize, "客户编号,客户名称,联系人,联系电话,首次接触时间\nKH0831,庚贸易有限公司,吴十,13800000831,2024-01-01\n");

        Assert.Equal((ImportOutcome.Inserted, "OwnId", "phone", "stored"), (report.Rows[0].Outcome, report.Rows[0].ReasonCode, report.Rows[0].MatchedBy, report.Rows[0].MatchedSource));
        Assert.Contains(derived, report.Rows[0].Reason, StringComparison.Ordinal);
        Assert.Equal(2, (await Samples.AllAsync(store)).Count);
    }
}
