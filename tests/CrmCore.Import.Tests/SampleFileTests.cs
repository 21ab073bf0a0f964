using System.Globalization;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reports;
using NodaTime;

namespace CrmCore.Import.Tests;

public class SampleFileTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public async Task GbkCsv_DirtyTable_EveryRowAccountedFor()
    {
        var store = new InMemoryCustomerRepository();
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = Zh }).ImportAsync(Samples.Path("客户信息总表-gbk.csv"));

        Assert.Equal("gb18030", report.Encoding);
        Assert.Equal(2, report.HeaderLine);
        Assert.Equal(["备注"], report.UnmappedColumns);
        Assert.Equal(9, report.Totals.RowsRead);
        Assert.Equal(9, report.Rows.Count);
        Assert.Equal(3, report.Totals.Inserted);
        Assert.Equal(1, report.Totals.Merged);
        Assert.Equal(2, report.Totals.Rejected);
        Assert.Equal(3, report.Totals.Skipped);

        var merged = Assert.Single(report.Rows, r => r.Outcome == ImportOutcome.Merged);
        Assert.Equal((7, "KH0001", "phone", "line 3"), (merged.Line, merged.CustomerId, merged.MatchedBy, merged.MatchedSource));
        var badDate = report.Rows.Single(r => r.Line == 8);
        Assert.Equal((ImportOutcome.Rejected, "首次合作时间", 9), (badDate.Outcome, badDate.Column, badDate.ColumnNumber));
        Assert.Contains("2024-02-30", badDate.Reason, StringComparison.Ordinal);
        Assert.Equal(ImportOutcome.Rejected, report.Rows.Single(r => r.Line == 9).Outcome);
        Assert.Equal(ImportOutcome.Skipped, report.Rows.Single(r => r.Line == 11).Outcome);

        var customers = await Samples.AllAsync(store);
        Assert.Equal(["KH0001", "KH0002", "KH0003"], customers.Select(c => c.Id.Value));
        var first = customers[0];
        Assert.Equal("上海某某制造有限公司", first.Name);
        Assert.Equal(Industry.Manufacturing, first.Industry);
        Assert.Equal("A", first.Tier);
        Assert.Equal("王经理", first.AccountManager?.Value);
        Assert.Equal(1_300_000m, first.AnnualAmount.Amount); // the later duplicate row is newest (KeepNewest)
        Assert.Equal(new LocalDate(2023, 3, 1), first.FirstCooperationOn);
        var contact = Assert.Single(first.Contacts);
        Assert.Equal(("张三", "+8613812345678"), (contact.Name, contact.Phone));
        Assert.Equal(250_000m, customers[1].AnnualAmount.Amount);
        Assert.Equal("+862112345678", customers[1].Contacts[0].Phone);
        Assert.Equal(new LocalDate(2023, 6, 15), customers[1].FirstCooperationOn);
        Assert.Equal(Industry.Technology, customers[2].Industry);
        Assert.Equal("+8613900000000", customers[2].Contacts[0].Phone);
        Assert.Equal(new LocalDate(2024, 1, 10), customers[2].FirstContactOn);
    }

    [Fact]
    public async Task Utf16Csv_EnglishHeaders_KeepsTwoIdsSharingAnEmailApart_AndReportsUnmapped()
    {
        var store = new InMemoryCustomerRepository();
        var report = await Samples.Importer(store).ImportAsync(Samples.Path("customers-utf16.csv"));

        Assert.Equal("utf-16", report.Encoding);
        Assert.Equal(["Region"], report.UnmappedColumns);
        // C202405003 shares C202405002's e-mail but has its own id: two ids say two records (OwnId), nothing is merged.
        Assert.Equal((3, 0), (report.Totals.Inserted, report.Totals.Merged));
        var own = Assert.Single(report.Rows, r => r.ReasonCode == "OwnId");
        Assert.Equal(("C202405003", "email"), (own.CustomerId, own.MatchedBy));
        Assert.Contains("C202405002", own.Reason, StringComparison.Ordinal);
        var acme = (await store.FindAsync(new CustomerId("C202405001")))!;
        Assert.Equal(Industry.Retail, acme.Industry);
        Assert.Equal(300_000m, acme.AnnualAmount.Amount);
        Assert.Equal(("Li Lei", "+862166668888", "li.lei@acme.example"), (acme.Contacts[0].Name, acme.Contacts[0].Phone, acme.Contacts[0].Email));
        Assert.Equal("Beta Services (Shanghai)", (await store.FindAsync(new CustomerId("C202405003")))!.Name);
    }

    [Fact]
    public async Task Xlsx_MergedCellsHiddenColumnTotals_ReadAsAnalystsMeanThem()
    {
        var store = new InMemoryCustomerRepository();
        var report = await Samples.Importer(store).ImportAsync(Samples.Path("客户信息总表.xlsx"));

        Assert.Equal("xlsx", report.Format);
        Assert.Equal(2, report.HeaderLine);
        Assert.Equal(["内部评分"], report.UnmappedColumns);
        Assert.Equal(7, report.Totals.RowsRead);
        Assert.Equal(3, report.Totals.Inserted);
        var merged = Assert.Single(report.Rows, r => r.Outcome == ImportOutcome.Merged);
        Assert.Equal((4, "KH0101", "id"), (merged.Line, merged.CustomerId, merged.MatchedBy));
        Assert.Equal(3, report.Totals.Skipped);

        var beijing = (await store.FindAsync(new CustomerId("KH0101")))!;
        Assert.Equal(["钱总", "孙工"], beijing.Contacts.Select(c => c.Name));
        Assert.Equal(["+861088889999", "+8613911112222"], beijing.Contacts.Select(c => c.Phone));
        Assert.Equal(new LocalDate(2023, 3, 15), beijing.FirstCooperationOn); // Excel serial 45000
        Assert.Equal(800_000m, beijing.AnnualAmount.Amount);
        Assert.Equal("=HYPERLINK(\"http://evil\")", (await store.FindAsync(new CustomerId("KH0102")))!.Name);
        var chengdu = (await store.FindAsync(new CustomerId("KH0103")))!;
        Assert.Equal((150_000m, "+862887654321"), (chengdu.AnnualAmount.Amount, chengdu.Contacts[0].Phone));
    }

    [Fact]
    public async Task MappingFile_OtherSystemsHeaders_ColumnsConstantsAndValueMaps()
    {
        var store = new InMemoryCustomerRepository();
        var mapping = ImportMappingFile.Load(Samples.Path("mapping.json"), ImportMappings.Customers);
        var report = await Samples.Importer(store, new CustomerImportOptions { Mapping = mapping }).ImportAsync(Samples.Path("legacy-crm.csv"));

        Assert.Equal(2, report.Totals.Inserted);
        Assert.Empty(report.UnmappedColumns);
        var hz = (await store.FindAsync(new CustomerId("L001")))!;
        Assert.Equal(("A", Industry.Retail, CustomerSource.Referral, 1_200_000m), (hz.Tier, hz.Industry, hz.Source, hz.AnnualAmount.Amount));
        Assert.Equal("+8657188886666", hz.Contacts[0].Phone);
        var sz = (await store.FindAsync(new CustomerId("L002")))!;
        Assert.Equal(("C", Industry.Services, 35_000m), (sz.Tier, sz.Industry, sz.AnnualAmount.Amount));
    }

    [Fact]
    public void MappingFile_UnknownField_NamesPlaceAndChoices()
    {
        var error = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>("{ \"columns\": { \"公司\": \"Nmae\" } }", "map.json"));
        Assert.StartsWith("map.json:1:22: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MappingFile_BrokenJson_GivesLineAndColumn()
    {
        var error = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>("{\n  \"columns\": { \"a\": \"Name\" \n  \"b\": 1 }\n}", "map.json"));
        Assert.Equal(("map.json", 3), (error.File, error.Line));
        Assert.True(error.Column > 0);
    }

    [Fact]
    public void MappingFile_UnknownProperty_IsAnError()
    {
        var error = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<CustomerField>("{ \"colums\": {} }", "map.json"));
        Assert.Contains("colums", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NoHeaderRow_FailsWithFileAndReason()
    {
        var path = System.IO.Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "a,b,c\n1,2,3\n");
            var error = await Assert.ThrowsAsync<ImportFileException>(() => Samples.Importer(new InMemoryCustomerRepository()).ImportAsync(path));
            Assert.Contains("header", error.Message, StringComparison.Ordinal);
            Assert.Equal(path, error.File);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
