using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Export;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reports;
using CrmCore.Import.Tests.Entities;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Import.Tests;

/// <summary>
/// Text is kept with its full-width punctuation (Chinese text uses it: ，。：！（）), while everything that compares or parses sees the
/// folded form: header matching, value maps, company-name keys, amounts, dates, times and phone numbers.
/// </summary>
public class FullWidthPunctuationTests
{
    private const string Description = "客户反馈：系统很慢！请尽快处理（紧急）；谢谢。";
    private const string Solution = "方案：重启，然后观察？";

    [Fact]
    public async Task TicketImport_ThenExport_KeepsTheTextByteForByte()
    {
        var desk = await EntityDesk.CreateAsync();
        var report = await EntityDesk.FromText(
            desk.TicketImporter().ImportAsync,
            $"问题编号,客户编号,问题描述,提出时间,紧急程度,负责人,状态,解决方案\nWT990001,KH001,{Description},２０２６／３／１　１４：００,一般,赵六,待处理,\"{Solution}\"\n");
        Assert.Equal(1, report.Totals.Inserted);

        var ticket = Assert.Single(await desk.Tickets.ListAsync(TicketQuery.All).ToListAsync());
        Assert.Equal(Description, ticket.Description);
        Assert.Equal(Solution, ticket.Solution);
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 6, 0), ticket.RaisedAt);

        var cells = ExportFiles.Cells(ExportFiles.Write(s => TicketExporter.WriteXlsx([ticket], s, ExportLanguage.Chinese)));
        Assert.Equal(Encoding.UTF8.GetBytes(Description), Encoding.UTF8.GetBytes(Assert.Single(cells, c => c.StartsWith("客户反馈", StringComparison.Ordinal))));
        Assert.Contains(Solution, cells);
    }

    [Fact]
    public async Task CustomerImport_KeepsTheNamesPunctuation_AndTakesBothBracketWidthsForOneCompany()
    {
        var store = new InMemoryCustomerRepository();
        // Each row has its own phone, so only the name can make them one company (wave 15, QA item 9).
        var report = await Import(store, "客户名称,联系方式\n𠮷野家（中国）,13800000001\n𠮷野家(中国),13800000002\n𠮷野家［中国］,13800000003\n");

        var customer = Assert.Single(await Samples.AllAsync(store));
        Assert.Equal("𠮷野家（中国）", customer.Name);
        Assert.Equal(ImportOutcome.Inserted, report.Rows.Single(r => r.Line == 2).Outcome);
        Assert.All(report.Rows.Where(r => r.Line > 2), r => Assert.Equal((ImportOutcome.Merged, "name"), (r.Outcome, r.MatchedBy)));
        Assert.Contains(CustomerExporter.Cells(customer).SelectMany(c => c), c => c == "𠮷野家（中国）");
    }

    [Fact]
    public async Task CustomerImport_FullWidthHeaderAmountDatePhoneAndEmail_AreRead()
    {
        var store = new InMemoryCustomerRepository();
        var report = await Import(
            store,
            "客户名称（简称）,年合作金额（万元）,首次合作时间,联系方式,邮箱\n"
            + "甲公司（华东）,１，２００,２０２６／３／１,张三（经理）１３８－１２３４－５６７８,ｌｉ＠ｅｘａｍｐｌｅ．ｃｎ\n");

        Assert.Equal(1, report.Totals.Inserted);
        var customer = Assert.Single(await Samples.AllAsync(store));
        Assert.Equal("甲公司（华东）", customer.Name);
        Assert.Equal(12_000_000m, customer.AnnualAmount.Amount);
        Assert.Equal(new LocalDate(2026, 3, 1), customer.FirstCooperationOn);
        var contact = Assert.Single(customer.Contacts);
        Assert.Equal("+8613812345678", contact.Phone);
        Assert.Equal("li@example.cn", contact.Email);
        // A remark in brackets is never part of the name (wave 15, QA item 13): it is reported as not kept, full-width brackets included.
        Assert.Equal("张三", contact.Name);
        Assert.Contains(report.Rows.Single().Notes!, n => n.Code == "Remark" && n.Text.Contains("（经理）", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CustomerImport_RepeatedHeaderStartingWithFullWidthPunctuation_IsSkipped()
    {
        var store = new InMemoryCustomerRepository();
        var report = await Import(store, "＊客户名称（简称）,联系方式\n甲公司,13800000001\n＊客户名称（简称）,联系方式\n乙公司,13800000002\n");

        var repeated = report.Rows.Single(r => r.Line == 3);
        Assert.Equal((ImportOutcome.Skipped, "RepeatedHeader"), (repeated.Outcome, repeated.ReasonCode));
        Assert.Equal(2, report.Totals.Inserted);
    }

    [Fact]
    public async Task CustomerImport_DisplayNamesTypedWithFullWidthPunctuation_AreKnown()
    {
        var store = new InMemoryCustomerRepository();
        await Import(store, "客户名称,所属行业,来源渠道\n甲公司,科技／互联网,E－commerce platform\n");

        var customer = Assert.Single(await Samples.AllAsync(store));
        Assert.Equal((CrmCore.Customers.Industry.Technology, CrmCore.Customers.CustomerSource.ECommerce), (customer.Industry, customer.Source));
    }

    [Fact]
    public async Task ValueMap_MatchesACellTypedWithFullWidthPunctuation()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-map-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "values": { "Tier": { "VIP(重点)": "A" } } }""");
        try
        {
            var store = new InMemoryCustomerRepository();
            var mapping = ImportMappingFile.Load(file, ImportMappings.Customers);
            await Import(store, "客户名称,客户等级\n甲公司,VIP（重点）\n", new CustomerImportOptions { Mapping = mapping });

            Assert.Equal("A", Assert.Single(await Samples.AllAsync(store)).Tier);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Task<ImportReport> Import(InMemoryCustomerRepository store, string csv, CustomerImportOptions? options = null) =>
        Samples.Importer(store, options ?? new CustomerImportOptions { Culture = CultureInfo.InvariantCulture })
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "customers.csv");
}
