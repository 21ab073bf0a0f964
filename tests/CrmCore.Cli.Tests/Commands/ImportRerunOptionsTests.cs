using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// row18 item 4: `crm import customers` run again on the same file with another `--merge` (or name similarity, or mapping file) is a new
/// import, not a re-run whose rows are all "already imported"; `--force` imports again even with the same options.
/// </summary>
public sealed class ImportRerunOptionsTests
{
    private static string[] ReasonCodes(string json)
    {
        using var report = JsonDocument.Parse(File.ReadAllBytes(json));
        return [.. report.RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => r.TryGetProperty("reasonCode", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString()! : string.Empty)];
    }

    [Fact]
    public void ImportCustomers_SameFileWithAnotherMergePolicy_IsANewImport()
    {
        using var temp = new TempDirectory();
        var store = "sqlite:" + temp.File("crm.db");
        var file = RepoPaths.Sample("import/客户信息总表-gbk.csv");
        Crm.Run("import", "customers", file, "--store", store, "--merge", "keep-newest");

        var same = Crm.Run("import", "customers", file, "--store", store, "--merge", "keep-newest", "--report-json", temp.File("same.json"));
        var other = Crm.Run("import", "customers", file, "--store", store, "--merge", "fill-blanks", "--report-json", temp.File("other.json"));

        Assert.True(same.ExitCode == 1, same.ToString());
        Assert.Contains("AlreadyImported", ReasonCodes(temp.File("same.json")));
        Assert.True(other.ExitCode == 1, other.ToString());
        Assert.DoesNotContain("AlreadyImported", ReasonCodes(temp.File("other.json")));
    }

    [Fact]
    public void ImportCustomers_Force_ImportsAgainWithTheSameOptions()
    {
        using var temp = new TempDirectory();
        var store = "sqlite:" + temp.File("crm.db");
        var file = RepoPaths.Sample("import/客户信息总表-gbk.csv");
        Crm.Run("import", "customers", file, "--store", store);

        var forced = Crm.Run("import", "customers", file, "--store", store, "--force", "--lang", "zh-Hans", "--report-json", temp.File("forced.json"));

        Assert.True(forced.ExitCode == 1, forced.ToString());
        Assert.Contains("此文件已导入过（1 次）", forced.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("AlreadyImported", ReasonCodes(temp.File("forced.json")));
        Assert.Contains("新增 0  更新 0  无变化 4  合并 0  待复核 0  拒绝 2  跳过 3", forced.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportCustomersHelp_Force_HasItsChineseText()
    {
        var help = Crm.Run("import", "customers", "--help", "--lang", "zh-Hans");

        Assert.Contains("--force", help.Out, StringComparison.Ordinal);
        Assert.Contains("即使之前的导入已提交这些行，也重新导入", help.Out, StringComparison.Ordinal);
    }
}
