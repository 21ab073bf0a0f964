using System.Globalization;
using System.Text;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Export;
using CrmCore.Import.Reports;
using FsCheck;
using Property = FsCheck.Property;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniExcelLibs;
using NodaTime;

namespace CrmCore.Import.Tests;

public class ExportRoundTripTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+8613800000000", "'+8613800000000")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("  =cmd", "'  =cmd")]
    [InlineData("\t1", "'\t1")]
    [InlineData("上海", "上海")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void CellGuard_Neutralise_PrefixesFormulaStarts(string text, string expected) => Assert.Equal(expected, CellGuard.Neutralise(text));

    [Theory]
    [InlineData(ExportLanguage.Chinese)]
    [InlineData(ExportLanguage.English)]
    public async Task Export_ThenImport_GivesTheSameCustomers(ExportLanguage language)
    {
        var source = new InMemoryCustomerRepository();
        await Samples.Importer(source).ImportAsync(Samples.Path("客户信息总表.xlsx"));
        await Samples.Importer(source).ImportAsync(Samples.Path("customers-utf16.csv"));
        var customers = await Samples.AllAsync(source);

        var copy = await RoundTripAsync(customers, language);

        Assert.Equal(string.Join("\n", customers.Select(Comparable)), string.Join("\n", copy.Select(Comparable)));
    }

    // QA, wave 15: the import keeps a phone's extension (010-12345606转808), and the export dropped it again (01012345606).
    [Theory]
    [InlineData(ExportLanguage.Chinese)]
    [InlineData(ExportLanguage.English)]
    public async Task Export_PhoneWithExtension_KeepsItAndImportsItBack(ExportLanguage language)
    {
        var profile = new CustomerProfile
        {
            Name = "分机号公司",
            FirstContactOn = new LocalDate(2026, 3, 1),
            Contacts = [new Contact("王五", ContactRole.DecisionMaker) { Phone = "+861012345606转808" }],
        };
        var customer = Customer.CreateState(new CustomerId("KH0808"), profile, Instant.FromUtc(2026, 3, 1, 0, 0));

        Assert.Contains("01012345606转808", Assert.Single(CustomerExporter.Cells(customer, language)));
        var copy = Assert.Single(await RoundTripAsync([customer], language));
        Assert.Equal("+861012345606转808", Assert.Single(copy.Contacts).Phone);
    }

    [Fact]
    public async Task Export_FormulaLikeName_IsNeutralisedInTheFile()
    {
        var store = new InMemoryCustomerRepository();
        await Samples.Importer(store).ImportAsync(Samples.Path("客户信息总表.xlsx"));
        using var file = new MemoryStream();
        CustomerExporter.WriteXlsx(await Samples.AllAsync(store), file);
        file.Position = 0;
        var names = file.Query(useHeaderRow: true).Select(r => (string)((IDictionary<string, object>)r)["客户名称"]).ToList();
        Assert.Contains("'=HYPERLINK(\"http://evil\")", names);
        Assert.DoesNotContain(names, n => n.StartsWith('='));
    }

    [Fact]
    public async Task ReportXlsx_FixedAndImportedAgain_AcceptsTheRows()
    {
        var store = new InMemoryCustomerRepository();
        var zh = CultureInfo.GetCultureInfo("zh-Hans");
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = zh }).ImportAsync(Samples.Path("客户信息总表-gbk.csv"));
        using var problems = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, problems, zh);
        problems.Position = 0;
        var rows = problems.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("8", Convert.ToString(rows[0]["行号"], CultureInfo.InvariantCulture));
        Assert.Contains("2024-02-30", (string)rows[0]["错误原因"], StringComparison.Ordinal);
        Assert.Equal(["Date", "Required"], rows.Select(r => (string)r["原因代码"]));

        // The analyst fixes the date and the missing name, and imports the report file itself.
        rows[0]["首次合作时间"] = "2024-02-28";
        rows[1]["客户名称（简称）"] = "补全名称公司"; // the header as the file has it, full-width brackets kept
        using var fixedFile = new MemoryStream();
        fixedFile.SaveAs(rows, printHeader: true, excelType: ExcelType.XLSX);
        fixedFile.Position = 0;
        var again = await Samples.Importer(store).ImportAsync(fixedFile, "fixed.xlsx");

        Assert.True(2 == again.Totals.Inserted, ImportReportWriter.ToText(again));
        Assert.DoesNotContain(again.UnmappedColumns, c => c != "备注");
        Assert.Equal(new LocalDate(2024, 2, 28), (await store.FindAsync(new CustomerId("KH0005")))!.FirstCooperationOn);
        Assert.Equal("补全名称公司", (await store.FindAsync(new CustomerId("KH0006")))!.Name);
    }

    [Fact]
    public async Task ReportText_AndJson_ListEveryNonInsertedRow()
    {
        var store = new InMemoryCustomerRepository();
        var zh = CultureInfo.GetCultureInfo("zh-Hans");
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = zh }).ImportAsync(Samples.Path("客户信息总表-gbk.csv"));
        var text = ImportReportWriter.ToText(report, zh);
        Assert.Contains("客户信息总表-gbk.csv:8:9: 拒绝", text, StringComparison.Ordinal);
        Assert.Contains("未导入的列（未映射）：备注", text, StringComparison.Ordinal);
        Assert.Contains("合计行", text, StringComparison.Ordinal);

        using var json = new MemoryStream();
        ImportReportWriter.WriteJson(report, json);
        using var document = System.Text.Json.JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        Assert.Equal(9, root.GetProperty("totals").GetProperty("rowsRead").GetInt32());
        Assert.Equal(9, root.GetProperty("rows").GetArrayLength());
        Assert.Equal("merged", root.GetProperty("rows")[4].GetProperty("outcome").GetString());
        Assert.Equal("phone", root.GetProperty("rows")[4].GetProperty("matchedBy").GetString());
        var codes = root.GetProperty("rows").EnumerateArray()
            .Select(r => r.TryGetProperty("reasonCode", out var code) ? code.GetString() : null).ToList();
        Assert.Equal(report.Rows.Select(r => r.ReasonCode), codes);
        Assert.Equal("Merged", codes[4]);
        Assert.Contains("Date", codes);
        Assert.Contains(null, codes); // an inserted row has no reason and no code
    }

    [Property(MaxTest = 60)]
    public Property DirtyRows_OutcomesAddUp_AndAcceptedValuesSurviveReExport() => Prop.ForAll(DirtyTables().ToArbitrary(), table =>
    {
        var store = new InMemoryCustomerRepository();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(table.Csv));
        var report = Samples.Importer(store).ImportAsync(stream, "random.csv").GetAwaiter().GetResult();
        var t = report.Totals;
        var addsUp = t.Inserted + t.Updated + t.Unchanged + t.Merged + t.Held + t.Rejected + t.Skipped == table.Rows && report.Rows.Count == table.Rows;

        var stored = Samples.AllAsync(store).GetAwaiter().GetResult();
        var accepted = report.Rows.Count(r => r.Outcome == ImportOutcome.Inserted) == stored.Count;

        // Every value an inserted row gave survives an export and a re-import unchanged.
        var copy = RoundTripAsync(stored, ExportLanguage.Chinese).GetAwaiter().GetResult();
        var survives = stored.Select(Comparable).SequenceEqual(copy.Select(Comparable));

        // And an accepted amount is the one typed, whatever its form (for customers no later row was merged into).
        var mergedInto = report.Rows.Where(r => r.Outcome == ImportOutcome.Merged).Select(r => r.CustomerId).ToHashSet();
        var amounts = report.Rows.Where(r => r.Outcome == ImportOutcome.Inserted && !mergedInto.Contains(r.CustomerId))
            .All(r => table.Amounts.TryGetValue(r.Line, out var typed) ? stored.Single(s => s.Id.Value == r.CustomerId).AnnualAmount.Amount == typed : true);
        // Every reason has its code.
        var coded = report.Rows.All(r => (r.Reason is null) == (r.ReasonCode is null));
        return (addsUp && accepted && survives && amounts && coded).Label($"{t} rows={table.Rows} addsUp={addsUp} accepted={accepted} survives={survives} amounts={amounts} coded={coded}\n{table.Csv}");
    });

    private static async Task<List<CustomerState>> RoundTripAsync(IEnumerable<CustomerState> customers, ExportLanguage language)
    {
        using var file = new MemoryStream();
        CustomerExporter.WriteXlsx(customers, file, language);
        file.Position = 0;
        var copy = new InMemoryCustomerRepository();
        await Samples.Importer(copy).ImportAsync(file, "export.xlsx");
        return await Samples.AllAsync(copy);
    }

    private static string Comparable(CustomerState c) => string.Join(
        " | ",
        c.Contacts.Count,
        c.Id, c.Name, c.ShortName, c.Industry, c.Tier, c.AccountManager, c.FirstContactOn, c.FirstCooperationOn, c.AnnualAmount,
        string.Join("、", c.Products), c.OrdersPerYear, c.Size.Employees, c.Size.AnnualRevenue, c.Source,
        string.Join(";", c.Contacts.Select(x => $"{x.Name}/{x.Role}/{x.Phone}/{x.Email}/{x.Address}")));

    private sealed record DirtyTable(string Csv, int Rows, Dictionary<int, decimal> Amounts);

    private static Gen<DirtyTable> DirtyTables()
    {
        // A customer id always comes with the same name and phone (one record, as a source system holds it); rows without an id
        // take any name and a phone of their own pool, so they are the duplicates the import must find.
        string[] names = ["上海某某制造有限公司", "贸易公司", "＝危险公司", "=cmd|' /C calc'!A0", "  北京　科技  ", "ACME Co., Ltd.", "", "-负号公司", "@at公司"];
        string[] idPhones = ["13812345678", "+86 139-0000-0001", "１３７００００００２", "021-12345678", "12345", "", "+86 10 8888 9999"];
        var otherPhones = Gen.Elements("张三 13600000003", "0755-1234567", "", "x");
        var amounts = Gen.Elements(("1,250,000", 1_250_000m), ("50万", 500_000m), ("¥1.5万元", 15_000m), ("abc", -1m), ("", 0m), ("８０００", 8000m));
        var dates = Gen.Elements("2026/3/1", "2026年3月1日", "2026-02-30", "", "46082", "昨天");
        var industries = Gen.Elements("制造业", "Retail", "科技/互联网", "", "农业");
        var identity = Gen.Choose(0, 12).SelectMany(i => i == 0
            ? Gen.Elements(names).SelectMany(name => otherPhones.Select(phone => (Id: "", Name: name, Phone: phone)))
            : Gen.Constant((Id: $"KH{i:D4}", Name: names[i % names.Length], Phone: idPhones[i % idPhones.Length])));
        var blank = Gen.Elements(true, false, false, false, false, false);
        var row = identity.SelectMany(who => amounts.SelectMany(amount => dates.SelectMany(date => industries.SelectMany(industry => blank.Select(isBlank =>
            (who.Id, who.Name, who.Phone, Amount: amount, Date: date, Industry: industry, Blank: isBlank))))));
        return Gen.ListOf(row).Select(rows =>
        {
            var csv = new StringBuilder("客户编号,客户名称,所属行业,联系方式,年合作金额,首次合作时间\n");
            var amountsByLine = new Dictionary<int, decimal>();
            var line = 1;
            foreach (var r in rows)
            {
                line++;
                if (r.Blank)
                {
                    csv.Append(",,,,,\n");
                    continue;
                }

                csv.Append(Quote(r.Id)).Append(',').Append(Quote(r.Name)).Append(',').Append(Quote(r.Industry)).Append(',')
                    .Append(Quote(r.Phone)).Append(',').Append(Quote(r.Amount.Item1)).Append(',').Append(Quote(r.Date)).Append('\n');
                if (r.Amount.Item2 > 0)
                {
                    amountsByLine[line] = r.Amount.Item2;
                }
            }

            csv.Append("合计,,,,,\n");
            return new DirtyTable(csv.ToString(), rows.Count + 1, amountsByLine);
        });
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
