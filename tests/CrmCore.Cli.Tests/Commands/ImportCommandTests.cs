using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

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
        Assert.Equal("Exported 3 customer(s) to " + temp.File("out.xlsx"), export.Out.Trim());

        var again = Crm.Run("import", "customers", temp.File("out.xlsx"), "--store", store, "--dry-run");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("inserted 0  updated 0  unchanged 3", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportCustomers_DryRunWithNameSimilarity_LeavesTheGramIndexOff_AndReportsAsTheRealRun()
    {
        using var temp = new TempDirectory();
        var path = temp.File("crm.db");
        var store = "sqlite:" + path;
        var file = RepoPaths.Sample("import/客户信息总表-gbk.csv");
        Assert.True(Crm.Run("import", "customers", file, "--store", store).ExitCode == 1); // stored, two rows rejected
        long Scalar(string sql)
        {
            using var connection = new SqliteConnection($"Data Source={path}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var value = (long)command.ExecuteScalar()!;
            connection.Close();
            SqliteConnection.ClearAllPools();
            return value;
        }

        string Totals(CrmRun run) => run.Out.Split('\n').Single(l => l.Contains("inserted", StringComparison.Ordinal));

        var dry = Crm.Run("import", "customers", file, "--store", store, "--dry-run", "--name-similarity", "0.85");

        Assert.Equal(0, Scalar("SELECT count(*) FROM crm_customer_name_gram"));
        Assert.Equal(0, Scalar("SELECT turned_on FROM crm_customer_name_gram_state"));
        var real = Crm.Run("import", "customers", file, "--store", store, "--name-similarity", "0.85");
        Assert.Equal(1, Scalar("SELECT turned_on FROM crm_customer_name_gram_state"));
        Assert.NotEqual(0, Scalar("SELECT count(*) FROM crm_customer_name_gram"));
        Assert.Equal(Totals(real), Totals(dry));
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

    [Fact]
    public void ExportCustomers_AsRole_WritesOnlyWhatTheRoleSeesAndEveryExportIsAudited()
    {
        using var temp = new TempDirectory();
        var db = temp.File("crm.db");
        var store = "sqlite:" + db;
        Crm.Run("import", "customers", RepoPaths.Sample("import/客户信息总表-gbk.csv"), "--store", store);

        var full = Crm.Run("export", "customers", "--store", store, "--out", temp.File("full.xlsx"), "--user", "ops.zhao");
        var projected = Crm.Run("export", "customers", "--store", store, "--out", temp.File("marketing.xlsx"), "--as", "marketing", "--user", "m.wang");

        Assert.True(full.ExitCode == 0, full.ToString());
        Assert.True(projected.ExitCode == 0, projected.ToString());
        Assert.Equal("Exported 3 customer(s) to " + temp.File("marketing.xlsx"), projected.Out.Trim());
        var clear = Cells(temp.File("full.xlsx"));
        var seen = Cells(temp.File("marketing.xlsx"));
        var phones = clear.Where(c => c.Count(char.IsAsciiDigit) >= 11).ToList();
        Assert.NotEmpty(phones);
        Assert.DoesNotContain(seen, c => phones.Contains(c));
        Assert.DoesNotContain(seen, c => c.Contains('@', StringComparison.Ordinal));
        var audit = Crm.Run("audit", "list", "--connection", db);
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains(audit.Out.Split('\n'), line => line.Contains("m.wang", StringComparison.Ordinal) && line.Contains("as marketing: marketing.xlsx sha256:" + Sha256(temp.File("marketing.xlsx")), StringComparison.Ordinal));
        Assert.Contains(audit.Out.Split('\n'), line => line.Contains("ops.zhao", StringComparison.Ordinal) && line.Contains("full customer table (no role): full.xlsx sha256:" + Sha256(temp.File("full.xlsx")), StringComparison.Ordinal));
        Assert.Equal(["crm.db", "full.xlsx", "marketing.xlsx"], Directory.GetFiles(Path.GetDirectoryName(temp.File("x"))!).Select(Path.GetFileName).Where(f => !f!.StartsWith("crm.db-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ExportCustomers_UnknownRoleOrBadPolicy_ClearErrorsAndNoFile()
    {
        using var temp = new TempDirectory();
        var store = "sqlite:" + temp.File("crm.db");
        Crm.Run("import", "customers", RepoPaths.Sample("import/客户信息总表-gbk.csv"), "--store", store);
        var policy = temp.Write("policy.json", "{ \"name\": \"p\", \"roles\": { \"agent\": { \"scope\": \"everywhere\" } } }");

        var badPolicy = Crm.Run("export", "customers", "--store", store, "--out", temp.File("a.xlsx"), "--as", "agent", "--policy", policy);
        var unknownRole = Crm.Run("export", "customers", "--store", store, "--out", temp.File("b.xlsx"), "--as", "astronaut");

        Assert.Equal(1, badPolicy.ExitCode);
        Assert.Contains("policy.json:1:", badPolicy.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("a.xlsx")));
        Assert.NotEqual(0, unknownRole.ExitCode);
        Assert.Contains("astronaut", unknownRole.Error, StringComparison.Ordinal);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private static List<string> Cells(string xlsx) =>
        [.. MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: false)
            .SelectMany(row => ((IDictionary<string, object?>)row).Values)
            .Select(v => v?.ToString() ?? string.Empty)
            .Where(v => v.Length > 0)];
}
