using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Normalization;

namespace CrmCore.Import.Tests;

/// <summary>
/// A contact cell keeps every number in it that is a phone, and a run of digits that is none (a QQ or staff number, a date) is reported
/// as a remark instead of rejecting the row (wave 15 review, item 4); a full-width ＃ extension is kept like # (item 7).
/// </summary>
public sealed class ContactCellDigitRunTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    [Theory]
    [InlineData("13800000101（QQ：12345678）", "+8613800000101", "（QQ：12345678）")]
    [InlineData("13800000102 工号20240101", "+8613800000102", "工号20240101")]
    [InlineData("13800000103 (微信 wx_123456789)", "+8613800000103", "(微信 wx_123456789)")]
    [InlineData("13800000105 QQ 87654321", "+8613800000105", "QQ 87654321")]
    public async Task ADigitRunThatIsNoPhone_IsARemark_AndThePhoneIsKept(string cell, string phone, string remark)
    {
        var (report, store) = await ImportAsync($"客户编号,客户名称,联系方式\nKH1,甲公司,{cell}\n");

        var row = Assert.Single(report.Rows);
        Assert.Equal(ImportOutcome.Inserted, row.Outcome);
        Assert.Equal(phone, Assert.Single((await OneAsync(store, "KH1")).Contacts).Phone);
        Assert.Equal($"“{remark}”未保存：没有可存放它的字段", Assert.Single(row.Notes!, n => n.Code == "Remark").Text);
    }

    [Fact]
    public async Task ANameAPhoneAndADate_KeepTheNameAndThePhone_AndReportTheDate()
    {
        var (report, store) = await ImportAsync("客户编号,客户名称,联系方式\nKH1,甲公司,张三 13800000104 2024-05-01前有效\n");

        var contact = Assert.Single((await OneAsync(store, "KH1")).Contacts);
        Assert.Equal(("张三", "+8613800000104"), (contact.Name, contact.Phone));
        Assert.Contains("2024-05-01前有效", Assert.Single(report.Rows[0].Notes!, n => n.Code == "Remark").Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13700001111 13700002222")]
    [InlineData("13700001111  021 7777 0101")]
    public async Task TwoNumbersSeparatedByASpace_AreTwoNumbers(string cell)
    {
        var (report, store) = await ImportAsync($"客户编号,客户名称,联系方式\nKH1,甲公司,{cell}\n");

        Assert.Equal(ImportOutcome.Inserted, Assert.Single(report.Rows).Outcome);
        var second = cell.Contains("021", StringComparison.Ordinal) ? "021-77770101" : "13700002222";
        Assert.Equal([Key("13700001111"), Key(second)], (await OneAsync(store, "KH1")).Contacts.Select(c => Key(c.Phone!)));
        Assert.DoesNotContain(report.Rows[0].Notes ?? [], n => n.Code == "Remark");
    }

    [Theory]
    [InlineData("12345678")]
    [InlineData("QQ 12345678")]
    public async Task ACellWithNoPhoneAndNoEmail_IsStillRejected(string cell)
    {
        var (report, store) = await ImportAsync($"客户编号,客户名称,联系方式\nKH1,甲公司,{cell}\n");

        Assert.Equal(ImportOutcome.Rejected, Assert.Single(report.Rows).Outcome);
        Assert.Null(await store.FindAsync(new CustomerId("KH1")));
    }

    [Fact]
    public async Task ADigitRunBesideAnEmail_IsARemark_AndTheEmailIsKept()
    {
        var (report, store) = await ImportAsync("客户编号,客户名称,联系方式\nKH1,甲公司,li@example.cn 工号20240101\n");

        Assert.Equal("li@example.cn", Assert.Single((await OneAsync(store, "KH1")).Contacts).Email);
        Assert.Contains("工号20240101", Assert.Single(report.Rows[0].Notes!, n => n.Code == "Remark").Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01012345606＃808")]
    [InlineData("010-12345606 ＃ 808")]
    public async Task AFullWidthHashExtension_IsKept(string cell)
    {
        var (_, store) = await ImportAsync($"客户编号,客户名称,联系方式\nKH1,甲公司,{cell}\n");

        var phone = Assert.Single((await OneAsync(store, "KH1")).Contacts).Phone!;
        Assert.Equal("+861012345606转808", phone);
        Assert.Equal(Key("010-12345606"), Key(phone));
    }

    private static ulong Key(string phone) => PhoneNormalizer.TryGetKey(phone, out var key) ? key : throw new InvalidOperationException(phone);

    private static async Task<CustomerState> OneAsync(InMemoryCustomerRepository store, string id) =>
        (await store.FindAsync(new CustomerId(id))) ?? throw new InvalidOperationException(id + " is not stored");

    private static async Task<(ImportReport Report, InMemoryCustomerRepository Store)> ImportAsync(string csv)
    {
        var store = new InMemoryCustomerRepository();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = Chinese }).ImportAsync(stream, "test.csv");
        return (report, store);
    }
}
