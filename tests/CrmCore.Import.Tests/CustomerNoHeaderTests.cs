using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;

namespace CrmCore.Import.Tests;

/// <summary>A customer file without a header row fails naming the file, in the import's language, as the other importers do.</summary>
public sealed class CustomerNoHeaderTests
{
    [Theory]
    [InlineData("", "no header row in the first 3 rows: a header row names at least two known columns, or only the customer's name or id column (客户编号, 客户名称, 所属行业")]
    [InlineData("en-US", "no header row in the first 3 rows: a header row names at least two known columns, or only the customer's name or id column (客户编号, 客户名称, 所属行业")]
    [InlineData("zh-Hans", "前 3 行中没有表头：表头行至少包含两个已知列，或只含客户名称或客户编号一列（客户编号, 客户名称, 所属行业")]
    public async Task Import_NoHeaderInTheFirstRows_FailsAtTheRowAfterThem_InTheImportsLanguage(string language, string reason)
    {
        var csv = "客户信息总表\n2026年3月\n备注,说明\n甲,乙\n客户编号,客户名称\n";

        var error = await ImportAsync(csv, language, maxTitleRows: 3);

        Assert.Equal(("customers.csv", 4, 0), (error.File, error.Line, error.Column));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith("customers.csv:4: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Id, Name, Industry", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "no header row found: the file is empty or no row names two known columns, or only the customer's name or id column (客户编号, 客户名称, 所属行业")]
    [InlineData("zh-Hans", "没有找到表头：文件为空，或没有一行包含两个已知列或只含客户名称或客户编号一列（客户编号, 客户名称, 所属行业")]
    public async Task Import_NoKnownColumnAnywhere_FailsNamingTheFile_InTheImportsLanguage(string language, string reason)
    {
        var error = await ImportAsync("备注,说明\n甲,乙\n", language, maxTitleRows: 20);

        Assert.Equal(("customers.csv", 0, 0), (error.File, error.Line, error.Column));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(language.Length == 0 ? "表头" : "header", error.Reason, StringComparison.Ordinal);
    }

    private static async Task<ImportFileException> ImportAsync(string csv, string language, int maxTitleRows)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var importer = Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = CultureInfo.GetCultureInfo(language), MaxTitleRows = maxTitleRows });
        return await Assert.ThrowsAsync<ImportFileException>(() => importer.ImportAsync(stream, "customers.csv"));
    }
}
