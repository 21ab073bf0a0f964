using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Normalization;

namespace CrmCore.Import.Tests;

/// <summary>
/// What a customer row says about its contacts is kept, and nothing is made up (QA wave 15, items 3, 4 and 13): a second phone column
/// or a second number in a cell, a phone's extension, two differently named people sharing an e-mail, a phone cell's remark, a row
/// without a contact name or a first-contact date.
/// </summary>
public sealed class CustomerContactKeepTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    private static async Task<(ImportReport Report, InMemoryCustomerRepository Store)> ImportAsync(
        string csv, CustomerImportOptions? options = null, InMemoryCustomerRepository? store = null)
    {
        store ??= new InMemoryCustomerRepository();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var report = await Samples.Importer(store, options).ImportAsync(stream, "test.csv");
        return (report, store);
    }

    private static async Task<CustomerState> OneAsync(InMemoryCustomerRepository store, string id) =>
        (await store.FindAsync(new CustomerId(id))) ?? throw new InvalidOperationException(id + " is not stored");

    private static ulong Key(string phone) => PhoneNormalizer.TryGetKey(phone, out var key) ? key : throw new InvalidOperationException(phone);

    [Fact]
    public async Task TwoPhoneColumns_BothNumbersAreKept()
    {
        var (_, store) = await ImportAsync("客户编号,客户名称,手机,电话\nKH0701,双电话公司,13800070101,021-77770101\n");

        var keys = (await OneAsync(store, "KH0701")).Contacts.Select(c => Key(c.Phone!)).ToList();
        Assert.Equal([Key("13800070101"), Key("021-77770101")], keys);
    }

    [Fact]
    public async Task TwoNumbersInOneCell_BothAreKept()
    {
        var (_, store) = await ImportAsync("客户编号,客户名称,联系方式\nKH9009,电话测试9,13812345609/13912345609\n");

        var keys = (await OneAsync(store, "KH9009")).Contacts.Select(c => Key(c.Phone!)).ToList();
        Assert.Equal([Key("13812345609"), Key("13912345609")], keys);
    }

    [Theory]
    [InlineData("010-12345606转808")]
    [InlineData("010-12345606 ext. 808")]
    [InlineData("010-12345606 x808")]
    [InlineData("010-12345606#808")]
    public async Task AnExtension_IsKeptInThePhoneText_AndTheKeyIsTheLine(string cell)
    {
        var (_, store) = await ImportAsync($"客户编号,客户名称,联系方式\nKH9005,电话测试5,{cell}\n");

        var phone = Assert.Single((await OneAsync(store, "KH9005")).Contacts).Phone!;
        Assert.EndsWith("808", phone, StringComparison.Ordinal);
        Assert.Equal(Key("010-12345606"), Key(phone));
    }

    [Theory]
    [InlineData(MergePolicy.KeepNewest)]
    [InlineData(MergePolicy.FillBlanks)]
    public async Task AMergedRow_WithAnotherPersonSharingTheEmail_AddsThatPerson_AndChangesNobodyElse(MergePolicy policy)
    {
        var (_, store) = await ImportAsync(
            "客户编号,客户名称,联系人,联系方式,邮箱\nKH6001,某某公司,张三,13800006001,shared@a.cn\nKH6001,某某公司,赵六,13900006002,shared@a.cn\n",
            new CustomerImportOptions { MergePolicy = policy });

        var contacts = (await OneAsync(store, "KH6001")).Contacts;
        Assert.Equal(2, contacts.Count);
        Assert.Equal(("张三", Key("13800006001"), "shared@a.cn"), (contacts[0].Name, Key(contacts[0].Phone!), contacts[0].Email));
        Assert.Equal(("赵六", Key("13900006002"), "shared@a.cn"), (contacts[1].Name, Key(contacts[1].Phone!), contacts[1].Email));
    }

    [Fact]
    public async Task AMergedRow_OfTheSamePerson_KeepNewestUpdatesThatPerson()
    {
        var (_, store) = await ImportAsync(
            "客户编号,客户名称,联系人,联系方式,邮箱\nKH6001,某某公司,张三,13800006001,zhang@a.cn\nKH6001,某某公司,张三,13900006009,zhang@a.cn\n");

        var contact = Assert.Single((await OneAsync(store, "KH6001")).Contacts);
        Assert.Equal(("张三", Key("13900006009")), (contact.Name, Key(contact.Phone!)));
    }

    [Fact]
    public async Task AMergedRow_OfTheSamePerson_FillBlanksKeepsTheirPhone_AndFillsTheirBlankEmail()
    {
        var (_, store) = await ImportAsync(
            "客户编号,客户名称,联系人,联系方式,邮箱\nKH6001,某某公司,张三,13800006001,\nKH6001,某某公司,张三,13900006009,zhang@a.cn\n",
            new CustomerImportOptions { MergePolicy = MergePolicy.FillBlanks });

        var contact = Assert.Single((await OneAsync(store, "KH6001")).Contacts);
        Assert.Equal(("张三", Key("13800006001"), "zhang@a.cn"), (contact.Name, Key(contact.Phone!), contact.Email));
    }

    [Fact]
    public async Task ANamelessRow_WithAnotherNumber_ThanTheContactItsEmailFinds_AddsAContact_AndOverwritesNothing()
    {
        var (_, store) = await ImportAsync(
            "客户编号,客户名称,联系人,联系方式,邮箱\nKH6001,某某公司,张三,13800006001,shared@a.cn\nKH6001,某某公司,,13900006002,shared@a.cn\n");

        var contacts = (await OneAsync(store, "KH6001")).Contacts;
        Assert.Equal(2, contacts.Count);
        Assert.Equal(("张三", Key("13800006001")), (contacts[0].Name, Key(contacts[0].Phone!)));
        Assert.Equal(Key("13900006002"), Key(contacts[1].Phone!));
        Assert.NotEqual("13900006002", contacts[1].Name);
    }

    [Theory]
    [InlineData("13812345613 (微信同号)", "(微信同号)")]
    [InlineData("13812345613（微信同号）", "微信同号")]
    [InlineData("tel:13812345612", "tel")]
    [InlineData("手机：13812345612", "手机")]
    public async Task APhoneRemarkOrLabel_IsNeverTheContactName(string cell, string notAName)
    {
        var (_, store) = await ImportAsync($"客户编号,客户名称,联系方式\nKH9013,电话测试13,\"{cell}\"\n");

        var contact = Assert.Single((await OneAsync(store, "KH9013")).Contacts);
        Assert.DoesNotContain(notAName, contact.Name, StringComparison.Ordinal);
        Assert.DoesNotContain("138", contact.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANameBeforeTheNumber_IsStillTheContactName()
    {
        var (_, store) = await ImportAsync("客户编号,客户名称,联系方式\nKH9020,电话测试20,张三 138 1234 5620\n");

        Assert.Equal("张三", Assert.Single((await OneAsync(store, "KH9020")).Contacts).Name);
    }

    [Fact]
    public async Task WithoutAContactNameColumn_TheContactIsNotNamedAfterItsNumber()
    {
        var (_, store) = await ImportAsync("客户编号,客户名称,联系方式\nKH9001,电话测试1,13812345601\n");

        var contact = Assert.Single((await OneAsync(store, "KH9001")).Contacts);
        Assert.DoesNotContain("13812345601", contact.Name, StringComparison.Ordinal);
        Assert.Equal(Key("13812345601"), Key(contact.Phone!));
    }

    private static ImportRowNote Note(ImportRowResult row, string code) =>
        Assert.Single(row.Notes ?? [], n => n.Code == code);

    [Fact]
    public async Task ASecondPhoneColumn_IsReportedOnItsCell_InEnglishAndChinese()
    {
        const string Csv = "客户编号,客户名称,联系人,手机,电话,首次接触时间\nKH0701,双电话公司,王五,13800070101,021-77770101,2026-01-05\n";
        var (english, store) = await ImportAsync(Csv, new CustomerImportOptions { Culture = CultureInfo.InvariantCulture });
        var (chinese, _) = await ImportAsync(Csv, new CustomerImportOptions { Culture = Chinese });

        Assert.Equal(["王五", "王五 (2)"], (await OneAsync(store, "KH0701")).Contacts.Select(c => c.Name));
        var note = Note(english.Rows[0], "SecondPhone");
        Assert.Equal(("电话", 5), (note.Column, note.ColumnNumber));
        Assert.Equal("another number, +862177770101, is kept as the contact '王五 (2)' (a contact holds one phone)", note.Text);
        Assert.Equal("另一个号码 +862177770101 已作为联系人“王五 (2)”保存（每个联系人只有一个电话）", Note(chinese.Rows[0], "SecondPhone").Text);
        Assert.Equal(1, english.Totals.Inserted);
        Assert.Single(english.Rows[0].Notes!); // the second number's note, and nothing else to say
    }

    [Fact]
    public async Task ASecondNumber_MergedIntoACustomer_IsAddedOnce_AndAnImportRunAgainAddsNothing()
    {
        const string Csv = "客户编号,客户名称,联系人,联系方式,首次接触时间\nKH1,甲公司,张三,13800000001,2026-01-05\nKH1,甲公司,张三,13800000001/13900000009,2026-01-05\n";
        var (first, store) = await ImportAsync(Csv);
        var (again, _) = await ImportAsync(Csv, store: store);

        var contacts = (await OneAsync(store, "KH1")).Contacts;
        Assert.Equal([("张三", Key("13800000001")), ("张三 (2)", Key("13900000009"))], contacts.Select(c => (c.Name, Key(c.Phone!))));
        Assert.Equal("SecondPhone", Assert.Single(first.Rows[1].Notes!).Code);
        Assert.All(again.Rows, r => Assert.Equal(ImportOutcome.Unchanged, r.Outcome));
        Assert.All(again.Rows, r => Assert.Null(r.Notes));
    }

    [Fact]
    public async Task APhoneRemark_IsReportedAsNotKept()
    {
        var (report, _) = await ImportAsync(
            "客户编号,客户名称,联系人,联系方式,首次接触时间\nKH9013,电话测试13,赵六,13812345613 (微信同号),2026-01-05\n",
            new CustomerImportOptions { Culture = Chinese });

        var note = Note(report.Rows[0], "Remark");
        Assert.Equal(("联系方式", 4), (note.Column, note.ColumnNumber));
        Assert.Equal("“(微信同号)”未保存：没有可存放它的字段", note.Text);
    }

    [Fact]
    public async Task ANamelessContact_GetsThePlaceholderName_AndTheReportSaysSo()
    {
        var (report, store) = await ImportAsync(
            "客户编号,客户名称,联系方式,首次接触时间\nKH9001,电话测试1,13812345601,2026-01-05\n",
            new CustomerImportOptions { Culture = CultureInfo.InvariantCulture });

        Assert.Equal("(未提供姓名)", Assert.Single((await OneAsync(store, "KH9001")).Contacts).Name);
        var note = Note(report.Rows[0], "UnnamedContact");
        Assert.Equal((null, 0), (note.Column, note.ColumnNumber));
        Assert.Equal("no contact name: the contact is stored as '(未提供姓名)'", note.Text);
    }

    [Fact]
    public async Task ThePlaceholderName_IsAnOption()
    {
        var (_, store) = await ImportAsync(
            "客户编号,客户名称,联系方式\nKH9001,电话测试1,13812345601\n", new CustomerImportOptions { UnnamedContactName = "未知联系人" });

        Assert.Equal("未知联系人", Assert.Single((await OneAsync(store, "KH9001")).Contacts).Name);
        Assert.Throws<ArgumentException>(() => Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { UnnamedContactName = " " }));
    }

    [Theory]
    [InlineData("", "2026-03-10", "no first-contact date: set to 2026-03-10, the day of the import", "未提供首次接触时间：已设为导入当天 2026-03-10")]
    [InlineData("2025-06-01", "2025-06-01", "no first-contact date: set to 2025-06-01, the first-cooperation date", "未提供首次接触时间：已设为首次合作时间 2025-06-01")]
    public async Task AMissingFirstContactDate_IsDefaulted_AndTheReportSaysToWhat(string cooperation, string expected, string english, string chinese)
    {
        var csv = $"客户编号,客户名称,联系人,联系方式,首次合作时间\nKH1,甲公司,张三,13800000001,{cooperation}\n";
        var (en, store) = await ImportAsync(csv, new CustomerImportOptions { Culture = CultureInfo.InvariantCulture });
        var (zh, _) = await ImportAsync(csv, new CustomerImportOptions { Culture = Chinese });

        Assert.Equal(expected, (await OneAsync(store, "KH1")).FirstContactOn.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(english, Note(en.Rows[0], "FirstContactDefaulted").Text);
        Assert.Equal(chinese, Note(zh.Rows[0], "FirstContactDefaulted").Text);
    }

    [Fact]
    public async Task AGivenFirstContactDateAndName_NeedNoNote_AndTheRowIsNotListedInTheText()
    {
        var (report, _) = await ImportAsync("客户编号,客户名称,联系人,联系方式,首次接触时间\nKH1,甲公司,张三,13800000001,2026-01-05\n");

        Assert.Null(report.Rows[0].Notes);
        Assert.DoesNotContain("test.csv:2", ImportReportWriter.ToText(report, CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowNotes_AreInTheText_TheJson_AndTheXlsxNotesSheet()
    {
        var (report, _) = await ImportAsync(
            "客户编号,客户名称,联系人,手机,电话,首次接触时间\nKH0701,双电话公司,王五,13800070101,021-77770101,2026-01-05\n",
            new CustomerImportOptions { Culture = Chinese });

        var text = ImportReportWriter.ToText(report, Chinese).Split(Environment.NewLine);
        var at = Array.FindIndex(text, l => l.StartsWith("test.csv:2: 新增 KH0701", StringComparison.Ordinal));
        Assert.True(at >= 0, string.Join('\n', text));
        Assert.Equal("    提示 [电话]：另一个号码 +862177770101 已作为联系人“王五 (2)”保存（每个联系人只有一个电话）", text[at + 1]);

        using var json = new MemoryStream();
        ImportReportWriter.WriteJson(report, json);
        using var parsed = System.Text.Json.JsonDocument.Parse(json.ToArray());
        var note = parsed.RootElement.GetProperty("rows")[0].GetProperty("notes")[0];
        Assert.Equal(("电话", 5, "SecondPhone"), (note.GetProperty("column").GetString(), note.GetProperty("columnNumber").GetInt32(), note.GetProperty("code").GetString()));

        using var xlsx = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, xlsx, Chinese);
        xlsx.Position = 0;
        var notes = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: false, sheetName: "说明").Cast<IDictionary<string, object?>>().Select(r => r.Values.First()?.ToString()).ToList();
        Assert.Equal(["说明", "第2行：提示 [电话]：另一个号码 +862177770101 已作为联系人“王五 (2)”保存（每个联系人只有一个电话）"], notes);
    }

    [Fact]
    public async Task RowNotes_AndScores_SurviveTheReportRowsGoingToDisk()
    {
        var csv = new StringBuilder("客户编号,客户名称,联系方式\n");
        for (var i = 0; i < 40; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"KH{i},北京华信科技{i},1380000{i:D4}/1390000{i:D4}\n").Append(CultureInfo.InvariantCulture, $",北京华信科技{i}园,\n");
        }

        var options = new CustomerImportOptions { NameSimilarity = 0.8 };
        var (inMemory, _) = await ImportAsync(csv.ToString(), options);
        var (onDisk, _) = await ImportAsync(csv.ToString(), options with { ReportMemoryRows = 0 });

        Assert.Equal(80, ((ImportRowLog)onDisk.Rows).Spilled);
        Assert.Contains(inMemory.Rows, r => r.MatchScore is > 0.8 and < 1);
        Assert.Contains(inMemory.Rows, r => r.Notes is { Count: 3 });
        Assert.Equal(inMemory.Rows, onDisk.Rows.ToList());
    }

    [Theory]
    [InlineData("客户编号,客户名称,联系人,联系方式\nKH1,甲公司,张三,李四 13800000001\n")]
    [InlineData("客户编号,客户名称,联系方式,联系人\nKH1,甲公司,李四 13800000001,张三\n")]
    public async Task ANameInThePhoneCell_ThatDiffersFromTheContactColumn_IsReported_WhicheverComesFirst(string csv)
    {
        var (report, store) = await ImportAsync(csv, new CustomerImportOptions { Culture = CultureInfo.InvariantCulture });

        Assert.Equal("张三", Assert.Single((await OneAsync(store, "KH1")).Contacts).Name);
        var note = Note(report.Rows[0], "Remark");
        Assert.Equal(("联系方式", "'李四' is not kept: no field holds it"), (note.Column, note.Text));
    }

    [Fact]
    public async Task AnEmailInThePhoneCell_FillsABlankEmail_AndOneThatDiffersIsReported()
    {
        var (report, store) = await ImportAsync(
            "客户编号,客户名称,联系人,联系方式,邮箱\nKH1,甲公司,张三,13800000001 zhang@a.cn,\nKH2,乙公司,李四,13800000002 li@b.cn,li@c.cn\n");

        Assert.Equal("zhang@a.cn", Assert.Single((await OneAsync(store, "KH1")).Contacts).Email);
        Assert.Null(report.Rows[0].Notes?.FirstOrDefault(n => n.Code == "Remark"));
        Assert.Equal("li@c.cn", Assert.Single((await OneAsync(store, "KH2")).Contacts).Email);
        Assert.Contains("li@b.cn", Note(report.Rows[1], "Remark").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACellWithOnlyAnEmail_IsStillAContactCell_EvenWhenTheEmailColumnIsSet()
    {
        var (report, _) = await ImportAsync("客户编号,客户名称,联系人,联系方式,邮箱\nKH1,甲公司,张三,li@b.cn,li@b.cn\n");

        Assert.Equal(ImportOutcome.Inserted, report.Rows[0].Outcome);
        Assert.Null(report.Rows[0].Notes?.FirstOrDefault(n => n.Code == "Remark"));
    }
}
