using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

public sealed class ImportCommandTests
{
    [Fact]
    public void ImportCustomers_GbkSampleIntoSqlite_ReportsEveryRowAndExitsOneForRejects()
    {
        using var temp = new TempDirectory();
        var store = "sqlite:" + temp.File("crm.db");
        var json = temp.File("report.json");
        var run = Crm.Run("import", "customers", RepoPaths.Sample("import/客户信息总表-gbk.csv"), "--store", store, "--lang", "zh-Hans", "--report-json", json);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("新增 3  更新 0  无变化 0  合并 1  待复核 0  拒绝 2  跳过 3", run.Out, StringComparison.Ordinal);
        Assert.Contains("客户信息总表-gbk.csv:8:9: 拒绝 [首次合作时间]", run.Out, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.Equal(9, report.RootElement.GetProperty("totals").GetProperty("rowsRead").GetInt32());

        var export = Crm.Run("export", "customers", "--store", store, "--out", temp.File("out.xlsx"));
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal("3", export.Out.Trim());

        var again = Crm.Run("import", "customers", temp.File("out.xlsx"), "--store", store, "--dry-run");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("inserted 0  updated 0  unchanged 3", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportCustomers_SameFileTwiceIntoSqlite_SecondRunNamesTheFirstAndChangesNothing()
    {
        using var temp = new TempDirectory();
        var store = "sqlite:" + temp.File("crm.db");
        var file = RepoPaths.Sample("import/客户信息总表-gbk.csv");
        var first = Crm.Run("import", "customers", file, "--store", store, "--lang", "zh-Hans");
        Assert.DoesNotContain("已导入过", first.Out, StringComparison.Ordinal);

        var again = Crm.Run("import", "customers", file, "--store", store, "--lang", "zh-Hans");

        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("此文件已导入过（1 次）", again.Out, StringComparison.Ordinal);
        Assert.Contains("新增 0  更新 0  无变化 4  合并 0  待复核 0  拒绝 2  跳过 3", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportCustomers_MappingFileAndBadStore_ClearErrors()
    {
        var bad = Crm.Run("import", "customers", RepoPaths.Sample("import/legacy-crm.csv"), "--store", "mysql:x");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("mysql:x", bad.Error, StringComparison.Ordinal);

        using var temp = new TempDirectory();
        var map = temp.Write("map.json", "{ \"columns\": { \"company\": \"Nmae\" } }");
        var wrongMap = Crm.Run("import", "customers", RepoPaths.Sample("import/legacy-crm.csv"), "--store", "memory", "--map", map);
        Assert.Equal(1, wrongMap.ExitCode);
        Assert.Contains("'Nmae' is not a customer field", wrongMap.Error, StringComparison.Ordinal);

        var ok = Crm.Run("import", "customers", RepoPaths.Sample("import/legacy-crm.csv"), "--store", "memory", "--map", RepoPaths.Sample("import/mapping.json"));
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("inserted 2", ok.Out, StringComparison.Ordinal);
    }
}
