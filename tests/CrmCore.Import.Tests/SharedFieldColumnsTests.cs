using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Desk;
using CrmCore.Import.Reports;
using CrmCore.Import.Tests.Entities;

namespace CrmCore.Import.Tests;

/// <summary>
/// Wave 19: two columns mapped to one field. The customer import read the later column and the table engine the first, neither saying
/// a word. Both read the first (leftmost) column now, and the report says at the header which columns, which field and which column is
/// read, in English and zh-Hans (text, JSON, the .xlsx notes); the customer's phone is read from every column, each number kept.
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
            "column 2 (客户名称), column 4 (公司名称) are all mapped to the field Name: only the first, column 2 (客户名称), is read",
            ImportReportWriter.ToText(report, CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
        Assert.Contains("第2列（客户名称）、第4列（公司名称）都映射到字段 Name：只读取第一列 第2列（客户名称）", ImportReportWriter.ToText(zh, CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
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
        Assert.Contains("only the first, column 2 (沟通方式), is read", ImportReportWriter.ToText(report, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var json = new MemoryStream();
        ImportReportWriter.WriteJson(report, json);
        var field = JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("sharedFields")[0];
        Assert.Equal("Channel", field.GetProperty("field").GetString());
        Assert.Equal([true, false], field.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("read").GetBoolean()));
    }
}
