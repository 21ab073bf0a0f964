using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

public sealed class ImportTablesCommandTests
{
    [Fact]
    public void TicketsSurveysPlans_SamplesIntoSqlite_ThenExportedAndImportedIntoAFreshStore()
    {
        using var temp = new TempDirectory();
        var customers = temp.File("customers.csv");
        File.WriteAllText(customers, "客户编号,客户名称\nKH001,科技\nKH002,贸易公司\n");
        var store = "sqlite:" + temp.File("crm.db");
        Assert.Equal(0, Crm.Run("import", "customers", customers, "--store", store).ExitCode);

        var tickets = Crm.Run("import", "tickets", RepoPaths.Sample("import/服务质量问题跟踪表.csv"), "--store", store);
        var surveys = Crm.Run("import", "surveys", RepoPaths.Sample("import/满意度调查.csv"), "--store", store);
        var plans = Crm.Run("import", "plans", RepoPaths.Sample("import/客户沟通计划表.csv"), "--store", store, "--lang", "zh-Hans");
        var again = Crm.Run("import", "tickets", RepoPaths.Sample("import/服务质量问题跟踪表.csv"), "--store", store);

        Assert.True(tickets.ExitCode == 1, tickets.ToString());
        Assert.Contains("inserted 3  updated 0  unchanged 0  merged 0  held for review 0  rejected 6  skipped 2", tickets.Out, StringComparison.Ordinal);
        Assert.Contains("服务质量问题跟踪表.csv:10:12: rejected [解决时间]: 解决时间 is before 提出时间", tickets.Out, StringComparison.Ordinal);
        Assert.Contains("Columns not imported (not mapped): 备注", tickets.Out, StringComparison.Ordinal);
        Assert.Contains("inserted 3  updated 0  unchanged 0  merged 0  held for review 0  rejected 5", surveys.Out, StringComparison.Ordinal);
        Assert.Contains("客户沟通计划表.csv:8:5: 拒绝 [沟通方式]", plans.Out, StringComparison.Ordinal);
        Assert.Contains("inserted 0  updated 0  unchanged 3", again.Out, StringComparison.Ordinal);

        var copy = "sqlite:" + temp.File("copy.db");
        Assert.Equal(0, Crm.Run("import", "customers", customers, "--store", copy).ExitCode);
        foreach (var (table, done) in new[] { ("tickets", "Exported 3 ticket(s) to "), ("surveys", "Exported 4 survey answer(s) to "), ("plans", "Exported 3 contact plan row(s) to ") })
        {
            var export = Crm.Run("export", table, "--store", store, "--out", temp.File(table + ".xlsx"), "--headers", "en");
            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.Equal(done + temp.File(table + ".xlsx"), export.Out.Trim());
            var import = Crm.Run("import", table, temp.File(table + ".xlsx"), "--store", copy);
            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Contains("rejected 0", import.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExportAssets_ThenImport_GivesTheSameAssets()
    {
        using var temp = new TempDirectory();
        var store = "sqlite:" + temp.File("crm.db");
        Crm.Run("import", "assets", RepoPaths.Sample("import/assets.csv"), "--store", store);

        var export = Crm.Run("export", "assets", "--store", store, "--out", temp.File("assets.xlsx"));
        var import = Crm.Run("import", "assets", temp.File("assets.xlsx"), "--store", "sqlite:" + temp.File("copy.db"));

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal("Exported 4 asset(s) to " + temp.File("assets.xlsx"), export.Out.Trim());
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("inserted 4  updated 0  unchanged 0", import.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryImportAndExport_LeavesAnAuditRecord_DryRunsMarked()
    {
        using var temp = new TempDirectory();
        var db = temp.File("crm.db");
        var store = "sqlite:" + db;
        var customers = temp.File("customers.csv");
        File.WriteAllText(customers, "客户编号,客户名称\nKH001,科技\nKH002,贸易公司\n");
        Assert.Equal(0, Crm.Run("import", "customers", customers, "--store", store, "--user", "li.na").ExitCode);

        Crm.Run("import", "tickets", RepoPaths.Sample("import/服务质量问题跟踪表.csv"), "--store", store, "--user", "li.na");
        Crm.Run("import", "surveys", RepoPaths.Sample("import/满意度调查.csv"), "--store", store, "--user", "li.na", "--dry-run");
        Crm.Run("import", "plans", RepoPaths.Sample("import/客户沟通计划表.csv"), "--store", store, "--user", "li.na");
        Crm.Run("import", "assets", RepoPaths.Sample("import/assets.csv"), "--store", store, "--user", "li.na");
        Crm.Run("import", "articles", RepoPaths.Sample("import/articles.csv"), "--store", store, "--user", "li.na", "--dry-run");
        foreach (var table in new[] { "tickets", "surveys", "plans", "assets" })
        {
            var export = Crm.Run("export", table, "--store", store, "--out", temp.File(table + ".xlsx"), "--user", "zhao.ops");
            Assert.True(export.ExitCode == 0, export.ToString());
        }

        var audit = Crm.Run("audit", "list", "--connection", db, "--limit", "1000");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        var lines = audit.Out.Split('\n');
        string Line(string text) => Assert.Single(lines, l => l.Contains(text, StringComparison.Ordinal));
        string Import(string entity) => Assert.Single(lines, l => l.Contains("  li.na  Import  import:", StringComparison.Ordinal) && l.Contains("-> " + entity + ": ", StringComparison.Ordinal));
        Assert.Contains("  run  - -> tickets: 11 rows: inserted 3, updated 0, unchanged 0, merged 0, held 0, rejected 6, skipped 2  服务质量问题跟踪表.csv sha256:", Import("tickets"), StringComparison.Ordinal);
        Assert.Contains("  dry run  ", Import("surveys"), StringComparison.Ordinal);
        Assert.EndsWith("; dry run, nothing written  满意度调查.csv sha256:" + Sha256(Path.Combine(RepoPaths.SampleData, "import", "满意度调查.csv")), Import("surveys").TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("  run  ", Import("plans"), StringComparison.Ordinal);
        Assert.Matches(@"-> assets: \d+ rows: inserted 4, ", Import("assets"));
        Assert.Contains("; dry run, nothing written", Import("articles"), StringComparison.Ordinal);
        foreach (var table in new[] { "tickets", "surveys", "plans", "assets" })
        {
            var export = Line("  zhao.ops  Export  export:" + table + "  xlsx");
            Assert.Contains(table + ".xlsx sha256:" + Sha256(temp.File(table + ".xlsx")), export, StringComparison.Ordinal);
        }

        Assert.Contains("tickets: 3 rows, Chinese headers", Line("export:tickets"), StringComparison.Ordinal);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
