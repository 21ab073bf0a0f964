using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Normalization;

namespace CrmCore.Import.Tests;

/// <summary>
/// A file imported twice changes nothing the second time (QA wave 15b, items 1, 2, 3 and the contact part of 5): a rename within the
/// file does not hide the old name's other customer, a row without a contact name finds the contact that has all its values, a
/// typed name like a generated one (<c>张三 (2)</c>) replaces no number, and contact names and addresses in either bracket width are
/// one contact. Each on the store's key index (the per-batch index) and on the whole-run index, with batches of 1 and 500 rows.
/// </summary>
public sealed class CustomerReimportTests
{
    public static TheoryData<bool, int> Paths => new() { { true, 1 }, { true, 500 }, { false, 1 }, { false, 500 } };

    private const string Rename =
        "客户编号,客户名称,联系人,联系电话,首次接触时间\n" +
        "C1,旧名公司,甲,13800000001,2024-01-01\n" +
        "C1,新名公司,甲,13800000001,2024-01-01\n" +
        ",旧名公司,乙,13800000002,2024-01-01\n" +
        ",旧名公司,丙,13800000003,2024-01-01\n";

    private const string TwoEmails =
        "客户名称,联系电话,邮箱,首次接触时间\n" +
        "东方公司,13800000011,a@example.com,2024-01-01\n" +
        "东方公司,13800000011,b@example.com,2024-01-01\n";

    private const string GeneratedName =
        "客户名称,联系人,联系电话,首次接触时间\n" +
        "戊公司,张三,13800000091/13800000092,2024-01-01\n" +
        "己公司,,13800000092,2024-01-01\n" +
        "戊公司,张三 (2),13800000093,2024-01-01\n";

    private static async Task<ImportReport> ImportAsync(InMemoryCustomerRepository memory, bool keyIndex, int batchSize, string csv)
    {
        ICustomerRepository store = keyIndex ? memory : new WithoutKeyIndex(memory);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await Samples.Importer(store, new CustomerImportOptions { BatchSize = batchSize }).ImportAsync(stream, "test.csv");
    }

    private static ulong Key(string phone) => PhoneNormalizer.TryGetKey(phone, out var key) ? key : throw new InvalidOperationException(phone);

    /// <summary>Every stored customer, by id, as its name and its contacts (name, phone key, e-mail), so two runs can be compared.</summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(InMemoryCustomerRepository store) =>
        (await Samples.AllAsync(store)).ToDictionary(
            s => s.Id.Value,
            s => s.Name + ": " + string.Join("; ", s.Contacts.Select(c => $"{c.Name}/{(c.Phone is null ? 0 : Key(c.Phone))}/{c.Email}/{c.Address}")));

    private static void AllUnchanged(ImportReport report)
    {
        Assert.All(report.Rows, r => Assert.Equal(ImportOutcome.Unchanged, r.Outcome));
        Assert.Equal(report.Rows.Count, report.Totals.Unchanged);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ARenameWithinTheFile_DoesNotHideTheOldNamesOtherCustomer_NorLoseAContact(bool keyIndex, int batchSize)
    {
        var store = new InMemoryCustomerRepository();

        var first = await ImportAsync(store, keyIndex, batchSize, Rename);

        Assert.Equal((2, 2), (first.Totals.Inserted, first.Totals.Merged));
        var all = await Samples.AllAsync(store);
        Assert.Equal(2, all.Count);
        Assert.Equal("新名公司", all.Single(c => c.Id.Value == "C1").Name);
        var other = all.Single(c => c.Id.Value != "C1");
        Assert.Equal("旧名公司", other.Name);
        Assert.Equal(["乙", "丙"], other.Contacts.Select(c => c.Name));
        Assert.Equal(first.Rows[2].CustomerId, first.Rows[3].CustomerId);
        Assert.Equal((ImportOutcome.Inserted, ImportOutcome.Merged), (first.Rows[2].Outcome, first.Rows[3].Outcome));

        var before = await SnapshotAsync(store);
        var second = await ImportAsync(store, keyIndex, batchSize, Rename);

        Assert.Equal(before, await SnapshotAsync(store));
        Assert.Equal(0, second.Totals.Inserted);
        Assert.Equal((ImportOutcome.Unchanged, ImportOutcome.Unchanged), (second.Rows[2].Outcome, second.Rows[3].Outcome));
        if (batchSize > 1)
        {
            // In one batch the record's two versions end where the store is; batch by batch its first row renames it back for a moment.
            AllUnchanged(second);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ARowWhoseDerivedIdIsTaken_IsMergedIntoThatCustomer_NotWrittenOverIt(bool keyIndex)
    {
        // A stored customer keeps the id derived from the name it had; a row with that name again merges into it (it was inserted
        // over it: on the whole-run index replacing it, on the key index failing the batch as a conflict on every run).
        var store = new InMemoryCustomerRepository();
        await ImportAsync(store, keyIndex, 500, "客户名称,联系人,联系电话,首次接触时间\n旧名公司,乙,13800000002,2024-01-01\n");
        var id = Assert.Single(await Samples.AllAsync(store)).Id.Value;
        await ImportAsync(store, keyIndex, 500, $"客户编号,客户名称,联系人,联系电话,首次接触时间\n{id},新名公司,乙,13800000002,2024-01-01\n");

        var report = await ImportAsync(store, keyIndex, 500, "客户名称,联系人,联系电话,首次接触时间\n旧名公司,丙,13800000003,2024-01-01\n");

        var row = Assert.Single(report.Rows);
        Assert.Equal((ImportOutcome.Merged, id), (row.Outcome, row.CustomerId));
        var customer = Assert.Single(await Samples.AllAsync(store));
        Assert.Equal(["乙", "丙"], customer.Contacts.Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task AnUnnamedRow_FindsTheContactWithAllItsValues_SoARunAgainAddsNoPlaceholder(bool keyIndex, int batchSize)
    {
        var store = new InMemoryCustomerRepository();
        await ImportAsync(store, keyIndex, batchSize, TwoEmails);
        var contacts = Assert.Single(await Samples.AllAsync(store)).Contacts;
        Assert.Equal(["a@example.com", "b@example.com"], contacts.Select(c => c.Email));
        var before = await SnapshotAsync(store);

        for (var run = 2; run <= 3; run++)
        {
            var again = await ImportAsync(store, keyIndex, batchSize, TwoEmails);

            AllUnchanged(again);
            Assert.Equal(before, await SnapshotAsync(store));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ATypedNameLikeAGeneratedOne_ReplacesNoNumber_AndARunAgainChangesNothing(bool keyIndex, int batchSize)
    {
        var store = new InMemoryCustomerRepository();
        var first = await ImportAsync(store, keyIndex, batchSize, GeneratedName);

        Assert.Equal(0, first.Totals.Rejected);
        var customer = Assert.Single(await Samples.AllAsync(store));
        Assert.Equal(
            [Key("13800000091"), Key("13800000092"), Key("13800000093")],
            customer.Contacts.Select(c => Key(c.Phone!)).Order());
        var before = await SnapshotAsync(store);

        var second = await ImportAsync(store, keyIndex, batchSize, GeneratedName);

        AllUnchanged(second);
        Assert.Equal(before, await SnapshotAsync(store));
    }

    [Theory]
    [InlineData("en", "the contact '张三 (2)' holds another number the import kept: this row's contact is kept as '张三 (2) (2)'")]
    [InlineData("zh-Hans", "联系人“张三 (2)”是导入时为另一个号码所建：本行的联系人以“张三 (2) (2)”保存")]
    public async Task ATypedNameLikeAGeneratedOne_WithAnotherNumber_IsKeptUnderAnotherName_AndTheRowSaysSo(string language, string text)
    {
        var store = new InMemoryCustomerRepository();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(GeneratedName));
        var options = new CustomerImportOptions { Culture = System.Globalization.CultureInfo.GetCultureInfo(language) };

        var report = await Samples.Importer(store, options).ImportAsync(stream, "test.csv");

        var note = Assert.Single(report.Rows[2].Notes ?? [], n => n.Code == CustomerNotes.NameTaken);
        Assert.Equal(text, note.Text);
        var contact = Assert.Single(Assert.Single(await Samples.AllAsync(store)).Contacts, c => c.Name == "张三 (2) (2)");
        Assert.Equal(Key("13800000093"), Key(contact.Phone!));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ANamedRow_NamesTheContactStoredUnderThePlaceholder_AndARunAgainChangesNothing(bool keyIndex, int batchSize)
    {
        var store = new InMemoryCustomerRepository();
        await ImportAsync(store, keyIndex, batchSize, "客户编号,客户名称,联系人,联系电话,邮箱,首次接触时间\nC-7,庚公司,,13800000071,,2024-01-01\nC-8,辛公司,,,x@example.com,2024-01-01\n");
        const string named = "客户编号,客户名称,联系人,联系电话,邮箱,首次接触时间\nC-7,庚公司,张三,138 0000 0071,g@example.com,2024-01-01\nC-8,辛公司,李四,,X@example.com,2024-01-01\n";

        var report = await ImportAsync(store, keyIndex, batchSize, named);

        Assert.All(report.Rows, r => Assert.Equal(ImportOutcome.Updated, r.Outcome));
        Assert.Equal(CustomerNotes.ContactNamed, Assert.Single(report.Rows[0].Notes ?? []).Code);
        var snapshot = await SnapshotAsync(store);
        Assert.Equal($"庚公司: 张三/{Key("13800000071")}/g@example.com/", snapshot["C-7"]);
        Assert.Equal("辛公司: 李四/0/x@example.com/", snapshot["C-8"]);

        AllUnchanged(await ImportAsync(store, keyIndex, batchSize, named));
        Assert.Equal(snapshot, await SnapshotAsync(store));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ANamedRowInTheSameFile_NamesThePlaceholderContact_ButNotOneWithAnotherNumber(bool keyIndex, int batchSize)
    {
        var store = new InMemoryCustomerRepository();

        var report = await ImportAsync(store, keyIndex, batchSize, "客户编号,客户名称,联系人,联系电话,首次接触时间\nC-9,壬公司,,13800000081,2024-01-01\nC-9,壬公司,王五,13800000081,2024-01-01\nC-9,壬公司,赵六,13800000082,2024-01-01\n");

        Assert.Equal(0, report.Totals.Rejected);
        var snapshot = await SnapshotAsync(store);
        Assert.Equal($"壬公司: 王五/{Key("13800000081")}//; 赵六/{Key("13800000082")}//", snapshot["C-9"]);
    }

    [Theory]
    [InlineData("en", "the contact stored as '(未提供姓名)' now has this row's name, '张三'")]
    [InlineData("zh-Hans", "原以“(未提供姓名)”保存的联系人已按本行改名为“张三”")]
    public async Task ARenamedPlaceholderContact_TheRowSaysSo(string language, string text)
    {
        var store = new InMemoryCustomerRepository();
        var options = new CustomerImportOptions { Culture = System.Globalization.CultureInfo.GetCultureInfo(language) };
        using var first = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称,联系人,联系电话,首次接触时间\nC-7,庚公司,,13800000071,2024-01-01\n"));
        await Samples.Importer(store, options).ImportAsync(first, "a.csv");
        using var second = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称,联系人,联系电话,首次接触时间\nC-7,庚公司,张三,13800000071,2024-01-01\n"));

        var report = await Samples.Importer(store, options).ImportAsync(second, "b.csv");

        Assert.Equal(text, Assert.Single(Assert.Single(report.Rows).Notes ?? []).Text);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task AContactNameInTheOtherBracketWidth_IsTheSameContact_KeptAsFirstTyped(bool keyIndex, int batchSize)
    {
        var store = new InMemoryCustomerRepository();
        await ImportAsync(store, keyIndex, batchSize, "客户编号,客户名称,联系人,联系电话,首次接触时间\nC-001,宏达(中国)有限公司,王总(采购),13800000081,2024-01-01\n");

        var report = await ImportAsync(store, keyIndex, batchSize, "客户编号,客户名称,联系人,联系电话,首次接触时间\nC-001,宏达(中国)有限公司,王总（采购）,13800000081,2024-01-01\n");

        Assert.Equal(ImportOutcome.Unchanged, Assert.Single(report.Rows).Outcome);
        var contact = Assert.Single(Assert.Single(await Samples.AllAsync(store)).Contacts);
        Assert.Equal("王总(采购)", contact.Name);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task AnAddressInTheOtherPunctuationWidth_IsTheSameContactsAddress_NoPlaceholderAdded(bool keyIndex, int batchSize)
    {
        const string header = "客户名称,地址,首次接触时间\n";
        var store = new InMemoryCustomerRepository();
        await ImportAsync(store, keyIndex, batchSize, header + "南方公司,北京市朝阳区(东),2024-01-01\n");

        var report = await ImportAsync(store, keyIndex, batchSize, header + "南方公司,北京市朝阳区（东）,2024-01-01\n");

        Assert.Equal(ImportOutcome.Unchanged, Assert.Single(report.Rows).Outcome);
        var contact = Assert.Single(Assert.Single(await Samples.AllAsync(store)).Contacts);
        Assert.Equal("北京市朝阳区(东)", contact.Address);
    }
}
