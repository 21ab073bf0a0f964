using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Normalization;

namespace CrmCore.Import.Tests;

/// <summary>
/// A contact cell with an extension and a second number keeps both (QA wave 15 round 2, item 1), and 分机 or a dash after a landline is
/// an extension like 转 (item 6); the key stays the line's.
/// </summary>
public sealed class ContactCellExtensionTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    [Theory]
    [InlineData("010-88889999转123、13800030001")]
    [InlineData("010-88889999转123 13800030001")]
    [InlineData("010-88889999转123/13800030001")]
    [InlineData("13800030001、010-88889999转123")]
    public async Task AnExtensionAndASecondNumber_AreBothKept(string cell)
    {
        var (report, store) = await ImportAsync($"客户编号,客户名称,联系人,联系方式\nKH3001,甲一,张三,{cell}\n");

        var row = Assert.Single(report.Rows);
        Assert.Equal(ImportOutcome.Inserted, row.Outcome);
        var phones = (await OneAsync(store, "KH3001")).Contacts.Select(c => c.Phone).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["+861088889999转123", "+8613800030001"], phones);
        var second = Assert.Single(row.Notes!, n => n.Code == "SecondPhone");
        Assert.Contains(cell.StartsWith('1') ? "+861088889999转123" : "+8613800030001", second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(row.Notes!, n => n.Code == "Remark");
    }

    [Theory]
    [InlineData("010-12345609-808", "+861012345609转808")]
    [InlineData("0571-88880000-66", "+8657188880000转66")]
    [InlineData("010-12345607分机808", "+861012345607转808")]
    [InlineData("张三 010-12345607分机808", "+861012345607转808")]
    [InlineData("010-12345609-808 13800030009", "+861012345609转808")]
    public async Task ADashOr分机Extension_IsKept(string cell, string phone)
    {
        var (report, store) = await ImportAsync($"客户编号,客户名称,联系方式\nKH1,甲公司,{cell}\n");

        var row = Assert.Single(report.Rows);
        Assert.Equal(ImportOutcome.Inserted, row.Outcome);
        var contacts = (await OneAsync(store, "KH1")).Contacts;
        Assert.Equal(phone, contacts[0].Phone);
        Assert.Equal(Key(phone.Split('转')[0]), Key(contacts[0].Phone!));
        Assert.DoesNotContain(row.Notes ?? [], n => n.Code == "Remark");
        Assert.Equal(cell.Contains("138", StringComparison.Ordinal) ? 2 : 1, contacts.Count);
    }

    [Fact]
    public async Task AnExtensionThenText_KeepsTheExtension_AndReportsTheText()
    {
        var (report, store) = await ImportAsync("客户编号,客户名称,联系人,联系方式\nKH1,甲公司,张三,010-12345607转808（前台）\n");

        Assert.Equal("+861012345607转808", Assert.Single((await OneAsync(store, "KH1")).Contacts).Phone);
        Assert.Equal("“（前台）”未保存：没有可存放它的字段", Assert.Single(report.Rows[0].Notes!, n => n.Code == "Remark").Text);
    }

    [Fact]
    public async Task AnEmailStartingWithAnExtensionMark_AfterThePhone_IsKept()
    {
        // 'e' (of ext) after the digits once made the whole cell one number and dropped the address without a note.
        var (report, store) = await ImportAsync("客户编号,客户名称,联系人,联系方式\nKH1,甲公司,张三,13812345678 eric@example.com\n");

        var contact = Assert.Single((await OneAsync(store, "KH1")).Contacts);
        Assert.Equal(("+8613812345678", "eric@example.com"), (contact.Phone, contact.Email));
        Assert.Equal(ImportOutcome.Inserted, Assert.Single(report.Rows).Outcome);
    }

    [Theory]
    [InlineData("+86-10-88889999-808", "+861088889999转808")]
    [InlineData("+86 10 8888 9999-808", "+861088889999转808")]
    [InlineData("86-10-88889999-808", "+861088889999转808")]
    [InlineData("张三 +86-10-88889999-808", "+861088889999转808")]
    [InlineData("+86-138-0000-0000", "+8613800000000")]
    public async Task ADashExtensionAfterAnInternationalLandline_IsKept(string cell, string phone)
    {
        var (report, store) = await ImportAsync($"客户编号,客户名称,联系方式\nKH1,甲公司,{cell}\n");

        Assert.Equal(ImportOutcome.Inserted, Assert.Single(report.Rows).Outcome);
        Assert.Equal(phone, Assert.Single((await OneAsync(store, "KH1")).Contacts).Phone);
        Assert.DoesNotContain(report.Rows[0].Notes ?? [], n => n.Code is "Remark" or "EmptyExtension");
    }

    [Theory]
    [InlineData("010-88889999转")]
    [InlineData("010-88889999 转")]
    [InlineData("010-88889999分机")]
    [InlineData("010-88889999 ext.")]
    public async Task ABareExtensionMark_KeepsTheNumber_AndSaysTheExtensionWasEmpty_InEnglishAndChinese(string cell)
    {
        var csv = $"客户编号,客户名称,联系人,联系方式\nKH1,甲公司,张三,{cell}\n";
        var (english, store) = await ImportAsync(csv, CultureInfo.InvariantCulture);
        var (chinese, _) = await ImportAsync(csv, Chinese);

        var contact = Assert.Single((await OneAsync(store, "KH1")).Contacts);
        Assert.Equal(("张三", "+861088889999"), (contact.Name, contact.Phone));
        Assert.Equal(ImportOutcome.Inserted, Assert.Single(english.Rows).Outcome);
        var note = Assert.Single(english.Rows[0].Notes!, n => n.Code == CustomerNotes.EmptyExtension);
        Assert.Equal(("联系方式", 4), (note.Column, note.ColumnNumber));
        Assert.Equal($"'{cell}' has an extension mark but no extension after it: the number is kept without an extension", note.Text);
        Assert.Equal($"“{cell}”有分机标记但其后没有分机号：号码已按不带分机保存",
            Assert.Single(chinese.Rows[0].Notes!, n => n.Code == CustomerNotes.EmptyExtension).Text);
        Assert.DoesNotContain(english.Rows[0].Notes!, n => n.Code == CustomerNotes.Remark);
    }

    [Theory]
    [InlineData("张三 010-88889999转", "010-88889999转", new[] { "+861088889999" })]
    [InlineData("010-88889999转、13800030001", "010-88889999转", new[] { "+861088889999", "+8613800030001" })]
    [InlineData("13800030001、010-88889999分机", "010-88889999分机", new[] { "+8613800030001", "+861088889999" })]
    public async Task ABareExtensionMark_AmongOtherText_IsNeitherTheNameNorLost(string cell, string number, string[] phones)
    {
        var (report, store) = await ImportAsync($"客户编号,客户名称,联系人,联系方式\nKH1,甲公司,张三,{cell}\n", CultureInfo.InvariantCulture);

        var contacts = (await OneAsync(store, "KH1")).Contacts;
        Assert.Equal(phones, contacts.Select(c => c.Phone));
        Assert.Equal(contacts.Count == 1 ? ["张三"] : ["张三", "张三 (2)"], contacts.Select(c => c.Name));
        var note = Assert.Single(report.Rows[0].Notes!, n => n.Code == CustomerNotes.EmptyExtension);
        Assert.Equal($"'{number}' has an extension mark but no extension after it: the number is kept without an extension", note.Text);
        Assert.DoesNotContain(report.Rows[0].Notes!, n => n.Code == CustomerNotes.Remark);
    }

    [Fact]
    public async Task AnExtensionOrNoMark_GivesNoEmptyExtensionNote()
    {
        var (report, _) = await ImportAsync("客户编号,客户名称,联系人,联系方式\nKH1,甲公司,张三,010-88889999转123\nKH2,乙公司,李四,010-88889998\n");

        Assert.All(report.Rows, r => Assert.DoesNotContain(r.Notes ?? [], n => n.Code == CustomerNotes.EmptyExtension));
    }

    private static ulong Key(string phone) => PhoneNormalizer.TryGetKey(phone, out var key) ? key : throw new InvalidOperationException(phone);

    private static async Task<CustomerState> OneAsync(InMemoryCustomerRepository store, string id) =>
        (await store.FindAsync(new CustomerId(id))) ?? throw new InvalidOperationException(id + " is not stored");

    private static async Task<(ImportReport Report, InMemoryCustomerRepository Store)> ImportAsync(string csv, CultureInfo? culture = null)
    {
        var store = new InMemoryCustomerRepository();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = culture ?? Chinese }).ImportAsync(stream, "test.csv");
        return (report, store);
    }
}
