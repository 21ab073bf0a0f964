using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Export;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

/// <summary>
/// A landline, an extension mark and a whole phone number (<c>010-88889999转13800030001</c>) is two numbers of the contact, not a line
/// with an 11-digit extension (wave 17); digits after the mark that are neither an extension (1 to 6 digits) nor a phone are reported
/// on the column, never kept as an extension. The masked phones and the re-import of the export agree.
/// </summary>
public sealed class ContactCellLongExtensionTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    [Theory]
    [InlineData("010-88889999转13800030001", "13800030001", "+8613800030001")]
    [InlineData("010-88889999 转 13800030001", "13800030001", "+8613800030001")]
    [InlineData("010-88889999分机13800030001", "13800030001", "+8613800030001")]
    [InlineData("010-88889999#13800030001", "13800030001", "+8613800030001")]
    [InlineData("010-88889999 ext 13800030001", "13800030001", "+8613800030001")]
    [InlineData("010-88889999转138-0003-0001", "138-0003-0001", "+8613800030001")]
    [InlineData("010-88889999转138 0003 0001", "138 0003 0001", "+8613800030001")]
    [InlineData("010-88889999转010-66667777", "010-66667777", "+861066667777")]
    [InlineData("010-88889999转+86 138 0003 0001", "+86 138 0003 0001", "+8613800030001")]
    [InlineData("张三 010-88889999转13800030001", "13800030001", "+8613800030001")]
    public async Task AWholePhoneAfterTheMark_IsASecondPhoneOfTheContact_WithANote(string cell, string number, string second)
    {
        var csv = $"客户编号,客户名称,联系人,联系方式\nKH1,甲公司,张三,{cell}\n";
        var (english, store) = await ImportAsync(csv, CultureInfo.InvariantCulture);
        var (chinese, _) = await ImportAsync(csv, Chinese);

        var row = Assert.Single(english.Rows);
        Assert.Equal(ImportOutcome.Inserted, row.Outcome);
        var contacts = (await OneAsync(store, "KH1")).Contacts;
        Assert.Equal([("张三", "+861088889999"), ("张三 (2)", second)], contacts.Select(c => (c.Name, c.Phone)));
        Assert.Equal(["****9999", "****" + second[^4..]], contacts.Select(c => c.MaskedPhone));
        var note = Assert.Single(row.Notes!, n => n.Code == "PhoneAfterExtensionMark");
        Assert.Equal(("联系方式", 4), (note.Column, note.ColumnNumber));
        Assert.Equal($"'{number}' follows an extension mark in '{cell}' but is a phone number of its own, not an extension: it is kept as another number", note.Text);
        Assert.Equal($"“{cell}”中分机标记后的“{number}”是完整的电话号码而不是分机号：已作为另一个号码保存",
            Assert.Single(chinese.Rows[0].Notes!, n => n.Code == "PhoneAfterExtensionMark").Text);
        Assert.Contains(row.Notes!, n => n.Code == CustomerNotes.SecondPhone);
        Assert.DoesNotContain(row.Notes!, n => n.Code is CustomerNotes.Remark or CustomerNotes.EmptyExtension);
    }

    [Theory]
    [InlineData("010-88889999转1234567", "1234567", new[] { "+861088889999" })]
    [InlineData("010-88889999转12345678", "12345678", new[] { "+861088889999" })]
    [InlineData("010-88889999转1380003000", "1380003000", new[] { "+861088889999" })]
    [InlineData("010-88889999转1234567、13900000000", "1234567", new[] { "+861088889999", "+8613900000000" })]
    public async Task DigitsAfterTheMark_ThatAreNeitherAnExtensionNorAPhone_AreReportedOnTheColumn_AndNotKept(string cell, string digits, string[] phones)
    {
        var csv = $"客户编号,客户名称,联系人,联系方式\nKH1,甲公司,张三,{cell}\n";
        var (english, store) = await ImportAsync(csv, CultureInfo.InvariantCulture);
        var (chinese, _) = await ImportAsync(csv, Chinese);

        var row = Assert.Single(english.Rows);
        Assert.Equal(ImportOutcome.Inserted, row.Outcome);
        var contacts = (await OneAsync(store, "KH1")).Contacts;
        Assert.Equal(phones, contacts.Select(c => c.Phone));
        Assert.DoesNotContain(contacts, c => c.Phone!.Contains('转', StringComparison.Ordinal) || c.MaskedPhone.Contains(digits, StringComparison.Ordinal));
        var note = Assert.Single(row.Notes!, n => n.Code == "ExtensionTooLong");
        Assert.Equal(("联系方式", 4), (note.Column, note.ColumnNumber));
        Assert.Equal(
            $"'{digits}' follows an extension mark in '{cell}' but is neither an extension (at most 6 digits) nor a phone number: it is not kept, and the number before it is kept without an extension",
            note.Text);
        Assert.Equal($"“{cell}”中分机标记后的“{digits}”既不是分机号（最多 6 位）也不是电话号码：未保存，其前的号码已按不带分机保存",
            Assert.Single(chinese.Rows[0].Notes!, n => n.Code == "ExtensionTooLong").Text);
        Assert.DoesNotContain(row.Notes!, n => n.Code is CustomerNotes.Remark or CustomerNotes.EmptyExtension);
    }

    [Theory]
    [InlineData("010-88889999转123456", "+861088889999转123456")]
    [InlineData("010-88889999转8", "+861088889999转8")]
    public async Task SixDigitsOrFewer_AreStillTheExtension(string cell, string phone)
    {
        var (report, store) = await ImportAsync($"客户编号,客户名称,联系人,联系方式\nKH1,甲公司,张三,{cell}\n", CultureInfo.InvariantCulture);

        Assert.Equal(phone, Assert.Single((await OneAsync(store, "KH1")).Contacts).Phone);
        Assert.DoesNotContain(report.Rows[0].Notes ?? [], n => n.Code is "PhoneAfterExtensionMark" or "ExtensionTooLong");
    }

    [Theory]
    [InlineData(ExportLanguage.Chinese)]
    [InlineData(ExportLanguage.English)]
    public async Task TheImportedContacts_ExportAndImportBackUnchanged(ExportLanguage language)
    {
        var (_, store) = await ImportAsync("客户编号,客户名称,联系人,联系方式\nKH1,甲公司,张三,010-88889999转13800030001\nKH2,乙公司,李四,010-88889998转1234567\n");
        var original = await Samples.AllAsync(store);

        using var file = new MemoryStream();
        CustomerExporter.WriteXlsx(original, file, language);
        file.Position = 0;
        var copy = new InMemoryCustomerRepository();
        var again = await Samples.Importer(copy).ImportAsync(file, "export.xlsx");

        Assert.Equal(0, again.Totals.Rejected);
        Assert.Equal(original.Select(Contacts), (await Samples.AllAsync(copy)).Select(Contacts));
        Assert.DoesNotContain(again.Rows.SelectMany(r => r.Notes ?? []), n => n.Code is "PhoneAfterExtensionMark" or "ExtensionTooLong");
    }

    [Fact]
    public void AStoredPhoneWithANumberAfterItsMark_IsExportedWhole_NotCutToTheLine()
    {
        // A host may store such a text itself (Contact takes any text the phone rule reads): the export must not drop the mobile.
        var customer = Customer.CreateState(
            new CustomerId("KH9"),
            new CustomerProfile
            {
                Name = "甲公司",
                FirstContactOn = new NodaTime.LocalDate(2026, 3, 1),
                Contacts = [new Contact("张三", ContactRole.DecisionMaker) { Phone = "010-88889999转13800030001" }],
            },
            NodaTime.Instant.FromUtc(2026, 3, 1, 0, 0));

        var phone = Assert.Single(CustomerExporter.Cells(customer, ExportLanguage.Chinese))[8];

        Assert.Contains("13800030001", phone, StringComparison.Ordinal);
        Assert.Contains("88889999", phone, StringComparison.Ordinal);
    }

    private static string Contacts(CustomerState customer) =>
        customer.Id.Value + ": " + string.Join("; ", customer.Contacts.Select(c => $"{c.Name}/{c.Role}/{c.Phone}/{c.MaskedPhone}"));

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
