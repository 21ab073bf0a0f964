using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Export;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Import.Tests.Entities;

namespace CrmCore.Import.Tests;

/// <summary>
/// Two columns mapped to one field. Wave 19: the customer import read the later column and the table engine the first, neither saying
/// a word; both read the first (leftmost) column then, so a row whose first column was blank lost the value of the next. Wave 20: per
/// row, the first of the columns that holds a value is read, in both engines, and the report says at the header which columns and which
/// field (in zh-Hans by its Chinese name), in English and zh-Hans (text, JSON, the .xlsx notes); the customer's phone is read from every
/// column, each number kept.
/// </summary>
public sealed class SharedFieldColumnsTests
{
    private static MemoryStream Stream(string csv) => new(Encoding.UTF8.GetBytes(csv));

    [Fact]
    public async Task Customers_TwoNameColumns_TheFirstIsRead_AndTheReportSaysSo()
    {
        var store = new InMemoryCustomerRepository();
        const string Csv = "客户编号,客户名称,联系方式,公司名称\nK1,甲公司,13800000001,甲公司（旧名）\n";

        var report = await Samples.Importer(store).ImportAsync(Stream(Csv), "c.csv");
        var zh = await Samples.Importer(new InMemoryCustomerRepository(), new() { Culture = CultureInfo.GetCultureInfo("zh-Hans") }).ImportAsync(Stream(Csv), "c.csv");

        Assert.Equal("甲公司", (await Samples.AllAsync(store)).Single().Name);
        var shared = Assert.Single(report.SharedFields);
        Assert.Equal("Name", shared.Field);
        Assert.Equal([2, 4], shared.Columns);
        Assert.Equal(["客户名称", "公司名称"], shared.Headers);
        Assert.Contains(
            "column 2 (客户名称), column 4 (公司名称) are all mapped to the field Name: each row takes it from the first of these columns that is not blank",
            ImportReportWriter.ToText(report, CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
        Assert.Contains("第2列（客户名称）、第4列（公司名称）都映射到字段“客户名称”：每行按此顺序取其中第一个非空列的值", ImportReportWriter.ToText(zh, CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_TwoPhoneColumns_BothRead_NotReported()
    {
        var store = new InMemoryCustomerRepository();

        var report = await Samples.Importer(store).ImportAsync(Stream("客户名称,电话,手机\n乙公司,010-88889999,13800000002\n"), "c.csv");

        Assert.Empty(report.SharedFields);
        var phones = (await Samples.AllAsync(store)).Single().Contacts.Select(c => c.Phone).ToList();
        Assert.Contains(phones, p => p is not null && p.Contains("88889999", StringComparison.Ordinal));
        Assert.Contains(report.Rows.Single().Notes ?? [], n => n.Code == "SecondPhone");
    }

    [Fact]
    public async Task Plans_TwoChannelColumns_TheFirstIsRead_AndTheReportSaysSo_InJsonToo()
    {
        var desk = await EntityDesk.CreateAsync();
        const string Csv = "客户编号,沟通方式,沟通内容要点,计划执行时间,方式\nKH001,电话,续约,2024-03-20,拜访\n";

        var report = await desk.PlanImporter().ImportAsync(Stream(Csv), "plans.csv");

        Assert.Equal(ImportOutcome.Inserted, Assert.Single(report.Rows).Outcome);
        Assert.Equal(CrmCore.Relationships.ContactChannel.Call, Assert.Single(await PlanImporterTests.AllAsync(desk.Plans)).Channel);
        var shared = Assert.Single(report.SharedFields);
        Assert.Equal("Channel", shared.Field);
        Assert.Equal([2, 5], shared.Columns);
        Assert.Contains("column 2 (沟通方式), column 5 (方式) are all mapped to the field Channel: each row takes it from the first of these columns that is not blank", ImportReportWriter.ToText(report, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var json = new MemoryStream();
        ImportReportWriter.WriteJson(report, json);
        var field = JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("sharedFields")[0];
        Assert.Equal("Channel", field.GetProperty("field").GetString());
        Assert.Equal([1, 2], field.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("order").GetInt32()));
    }

    // Wave 20: the rule is per row now. A customer row whose first name column was blank and a later one filled was rejected in wave 19
    // (before it, the later column was read); the first of a field's columns that holds a value wins, in both engines.
    [Fact]
    public async Task Customers_FirstNameColumnBlank_TheNextFilledOneIsRead_AndSurvivesAnExportAndImport()
    {
        var store = new InMemoryCustomerRepository();
        const string Csv = "客户编号,客户名称,联系方式,公司名称\nK1,,13800000001,乙公司\nK2,甲公司,13800000002,甲公司（旧名）\nK3,  ,13800000003,　丙公司\nK4,,13800000004,\n";

        var report = await Samples.Importer(store).ImportAsync(Stream(Csv), "c.csv");

        Assert.Equal(
            [ImportOutcome.Inserted, ImportOutcome.Inserted, ImportOutcome.Inserted, ImportOutcome.Rejected],
            report.Rows.Select(r => r.Outcome));
        var rejected = report.Rows[3];
        Assert.Equal(("客户名称", 2, "Required"), (rejected.Column, rejected.ColumnNumber, rejected.ReasonCode));
        var names = (await Samples.AllAsync(store)).OrderBy(c => c.Id.Value, StringComparer.Ordinal).Select(c => $"{c.Id.Value} {c.Name}").ToList();
        Assert.Equal(["K1 乙公司", "K2 甲公司", "K3 丙公司"], names);

        using var file = new MemoryStream();
        CustomerExporter.WriteXlsx(await Samples.AllAsync(store), file);
        file.Position = 0;
        var copy = new InMemoryCustomerRepository();
        Assert.Equal(3, (await Samples.Importer(copy).ImportAsync(file, "export.xlsx")).Totals.Inserted);
        Assert.Equal(names, (await Samples.AllAsync(copy)).OrderBy(c => c.Id.Value, StringComparer.Ordinal).Select(c => $"{c.Id.Value} {c.Name}"));
    }

    // The first cell is one the fast lane takes (a plain cell: a null one never reached it), blank or a mark that holds no value.
    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("/")]
    [InlineData("\uFEFF")]
    public void Customers_TheFastLaneAndTheFullPath_TakeTheSameColumn(string first)
    {
        var mapping = CrmCore.Import.Mapping.ImportMappings.Customers;
        string[] headers = ["客户名称", "联系方式", "公司名称"];
        var row = new CrmCore.Import.Reading.SourceRow(2, [first, "13800000001", "乙公司"]);
        foreach (var fastLane in new[] { true, false })
        {
            var parser = new CustomerRowParser(mapping, headers, CultureInfo.InvariantCulture, fastLane);
            var problems = new List<CellProblem>();
            Assert.Equal("乙公司", parser.Parse(row, problems).Name);
            Assert.Empty(problems);
        }
    }

    // A dash or slash marks "nothing yet" in the table engine; the customer import took it as a value, so a `-` in the first of two
    // columns of a field won: a customer named `-` (later rows merged into it), or "'-' is not an e-mail address".
    [Fact]
    public async Task Customers_ADashOrSlashInTheFirstColumnOfAField_HoldsNoValue_TheNextColumnIsRead()
    {
        var store = new InMemoryCustomerRepository();
        const string Csv = "客户编号,客户名称,联系方式,公司名称,邮箱,电子邮箱\n"
            + "K1,-,13800000001,乙公司,-,a@b.com\nK2,—,13800000002,丙公司,/,c@d.com\nK3,'-,13800000003,丁公司,--,e@f.com\nK4,/,13800000004,戊公司,——,\n";

        var report = await Samples.Importer(store).ImportAsync(Stream(Csv), "c.csv");

        Assert.All(report.Rows, r => Assert.Equal(ImportOutcome.Inserted, r.Outcome));
        Assert.Equal(
            ["K1 乙公司 a@b.com", "K2 丙公司 c@d.com", "K3 丁公司 e@f.com", "K4 戊公司 "],
            (await Samples.AllAsync(store)).OrderBy(c => c.Id.Value, StringComparer.Ordinal).Select(c => $"{c.Id.Value} {c.Name} {c.Contacts[0].Email}"));
    }

    /// <summary>The blank markers, width-folded, and cells made only of zero-width or format characters.</summary>
    public static TheoryData<string> BlankMarkers =>
    [
        "-", "--", "—", "——", "/", "'-", "－", "－－", "／", "–", "―", "\u200B", "\u200C\u200D", "\u2060", "\uFEFF", " \u200B ", "\u200B-",
    ];

    [Theory]
    [MemberData(nameof(BlankMarkers))]
    public void ABlankMarker_HoldsNoValue_InTheFastLaneTheFullPathAndTheTableEngine(string marker)
    {
        string[] headers = ["客户名称", "邮箱", "公司名称", "电子邮箱"];
        var row = new CrmCore.Import.Reading.SourceRow(2, [marker, marker, "乙公司", "a@b.com"]);
        foreach (var fastLane in new[] { true, false })
        {
            var parser = new CustomerRowParser(CrmCore.Import.Mapping.ImportMappings.Customers, headers, CultureInfo.InvariantCulture, fastLane);
            var problems = new List<CellProblem>();
            var parsed = parser.Parse(row, problems);
            Assert.Equal(("乙公司", "a@b.com"), (parsed.Name, parsed.Email));
            Assert.Empty(problems);
            Assert.True(parser.Reads(row, 2));
            Assert.True(parser.Reads(row, 3));
        }

        Assert.Null(BlankCell.Read(marker));
    }

    [Theory]
    [InlineData("-甲")]
    [InlineData("-5")]
    [InlineData("a\u200Bb")]
    [InlineData("—甲—")]
    [InlineData("\uFF0D1")]
    public void ATextWithADashOrAFormatCharacter_StillHoldsAValue(string cell)
    {
        string[] headers = ["客户名称", "公司名称"];
        var row = new CrmCore.Import.Reading.SourceRow(2, [cell, "乙公司"]);
        foreach (var fastLane in new[] { true, false })
        {
            var parser = new CustomerRowParser(CrmCore.Import.Mapping.ImportMappings.Customers, headers, CultureInfo.InvariantCulture, fastLane);
            Assert.Equal(BlankCell.Read(cell), parser.Parse(row, []).Name);
        }

        Assert.NotNull(BlankCell.Read(cell));
    }

    [Fact]
    public async Task Customers_ANameMadeOnlyOfAZeroWidthSpace_IsRejectedAsMissing_NotStored()
    {
        var store = new InMemoryCustomerRepository();
        const string Csv = "客户编号,客户名称,联系方式\nK1,\u200B,13800000001\nK2,－,13800000002\n";

        var report = await Samples.Importer(store).ImportAsync(Stream(Csv), "c.csv");

        Assert.All(report.Rows, r => Assert.Equal(("Rejected", "Required"), (r.Outcome.ToString(), r.ReasonCode)));
        Assert.Empty(await Samples.AllAsync(store));
    }

    // A row whose two cells equal their headers is a repeated header row, skipped. Both were columns of one field (沟通方式, 方式), so a
    // data row naming that field's two headers was skipped with no word about its values; one field counts once.
    [Fact]
    public async Task Plans_ARowEqualToTheHeadersOfOneSharedFieldOnly_IsNotARepeatedHeader()
    {
        var desk = await EntityDesk.CreateAsync();
        const string Csv = "客户编号,沟通方式,沟通内容要点,计划执行时间,方式\nKH001,沟通方式,续约,2024-03-20,方式\n客户编号,沟通方式,沟通内容要点,计划执行时间,方式\n";

        var report = await desk.PlanImporter().ImportAsync(Stream(Csv), "plans.csv");

        Assert.Equal([ImportOutcome.Rejected, ImportOutcome.Skipped], report.Rows.Select(r => r.Outcome));
        Assert.Equal("沟通方式", report.Rows[0].Column);
    }

    [Fact]
    public async Task Plans_FirstPlannedAtColumnBlankOrDash_TheNextFilledOneIsRead_AndSurvivesAnExportAndImport()
    {
        var desk = await EntityDesk.CreateAsync();
        const string Csv = "客户编号,沟通方式,沟通内容要点,计划执行时间,计划时间\n"
            + "KH001,电话,续约,,2024-03-20\nKH002,电话,回访,2024-03-21,2024-04-30\nKH002,电话,关怀,-,2024-05-06\nKH001,电话,拜访,—,\n";

        var report = await desk.PlanImporter().ImportAsync(Stream(Csv), "plans.csv");

        Assert.Equal(
            [ImportOutcome.Inserted, ImportOutcome.Inserted, ImportOutcome.Inserted, ImportOutcome.Rejected],
            report.Rows.Select(r => r.Outcome));
        var rejected = report.Rows[3];
        Assert.Equal(("计划执行时间", 4, "Required"), (rejected.Column, rejected.ColumnNumber, rejected.ReasonCode));
        var plans = await PlanImporterTests.AllAsync(desk.Plans);
        Assert.Equal(["关怀 2024-05-06", "回访 2024-03-21", "续约 2024-03-20"], Dates(plans));

        var copy = await EntityDesk.CreateAsync();
        var again = await copy.PlanImporter().ImportAsync(ExportFiles.Write(s => PlanExporter.WriteXlsx(plans, s)), "plans.xlsx");
        Assert.Equal(3, again.Totals.Inserted);
        Assert.Equal(Dates(plans), Dates(await PlanImporterTests.AllAsync(copy.Plans)));
    }

    [Fact]
    public async Task Plans_ABadValueInTheFirstFilledColumn_IsRejectedAtThatColumn()
    {
        var desk = await EntityDesk.CreateAsync();
        const string Csv = "客户编号,沟通方式,沟通内容要点,计划执行时间,计划时间\nKH001,电话,续约,,明天上午\n";

        var report = await desk.PlanImporter().ImportAsync(Stream(Csv), "plans.csv");

        var row = Assert.Single(report.Rows);
        Assert.Equal((ImportOutcome.Rejected, "计划时间", 5, "DateTime"), (row.Outcome, row.Column, row.ColumnNumber, row.ReasonCode));
    }

    [Fact]
    public async Task BothEngines_ListEveryColumnOfASharedField_AsMapped_AndTheNoteSaysEachRowTakesTheFirstFilled()
    {
        var customers = await Samples.Importer(new InMemoryCustomerRepository())
            .ImportAsync(Stream("客户编号,客户名称,联系方式,公司名称\nK1,,13800000001,乙公司\n"), "c.csv");
        var desk = await EntityDesk.CreateAsync();
        var plans = await desk.PlanImporter().ImportAsync(Stream("客户编号,沟通方式,沟通内容要点,计划执行时间,计划时间\nKH001,电话,续约,,2024-03-20\n"), "plans.csv");

        Assert.Equal(("Name", "Name"), (customers.MappedColumns["客户名称"], customers.MappedColumns["公司名称"]));
        Assert.Equal(("PlannedAt", "PlannedAt"), (plans.MappedColumns["计划执行时间"], plans.MappedColumns["计划时间"]));
        Assert.Contains(
            "column 2 (客户名称), column 4 (公司名称) are all mapped to the field Name: each row takes it from the first of these columns that is not blank",
            ImportReportWriter.ToText(customers, CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
        Assert.Contains(
            "column 4 (计划执行时间), column 5 (计划时间) are all mapped to the field PlannedAt: each row takes it from the first of these columns that is not blank",
            ImportReportWriter.ToText(plans, CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
        foreach (var report in new[] { customers, plans })
        {
            using var json = new MemoryStream();
            ImportReportWriter.WriteJson(report, json);
            var root = JsonDocument.Parse(json.ToArray()).RootElement;
            var columns = root.GetProperty("sharedFields")[0].GetProperty("columns").EnumerateArray().ToList();
            Assert.Equal([1, 2], columns.Select(c => c.GetProperty("order").GetInt32()));
            Assert.All(columns, c => Assert.Equal(JsonValueKind.String, root.GetProperty("mappedColumns").GetProperty(c.GetProperty("header").GetString()!).ValueKind));
        }
    }

    [Fact]
    public async Task TheZhNote_NamesTheFieldInChinese_InTheTextAndTheWorkbook()
    {
        var zh = CultureInfo.GetCultureInfo("zh-Hans");
        var customers = await Samples.Importer(new InMemoryCustomerRepository(), new() { Culture = zh })
            .ImportAsync(Stream("客户编号,客户名称,联系方式,公司名称\nK1,,13800000001,乙公司\n"), "c.csv");
        var desk = await EntityDesk.CreateAsync();
        var plans = await desk.PlanImporter(new() { Culture = zh })
            .ImportAsync(Stream("客户编号,沟通方式,沟通内容要点,计划执行时间,计划时间\nKH001,电话,续约,,2024-03-20\n"), "plans.csv");

        const string CustomerNote = "第2列（客户名称）、第4列（公司名称）都映射到字段“客户名称”：每行按此顺序取其中第一个非空列的值";
        Assert.Contains(CustomerNote, ImportReportWriter.ToText(customers, zh), StringComparison.Ordinal);
        Assert.Contains("第4列（计划执行时间）、第5列（计划时间）都映射到字段“计划执行时间”：", ImportReportWriter.ToText(plans, zh), StringComparison.Ordinal);
        Assert.DoesNotContain("字段 Name", ImportReportWriter.ToText(customers, zh), StringComparison.Ordinal);
        using var book = new MemoryStream();
        ImportReportWriter.WriteXlsx(customers, book, zh);
        book.Position = 0;
        var notes = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true, sheetName: "说明").Cast<IDictionary<string, object>>().Select(r => Convert.ToString(r.Values.First(), CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(notes, n => n is not null && n.StartsWith(CustomerNote, StringComparison.Ordinal));
    }

    private static List<string> Dates(IEnumerable<CrmCore.Relationships.ContactPlanEntryState> plans) =>
        [.. plans.Select(p => $"{p.Purpose} {p.PlannedAt.InZone(NodaTime.DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date:yyyy-MM-dd}").Order(StringComparer.Ordinal)];
}
