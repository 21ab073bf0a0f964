using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

public sealed class ImportArticlesCommandTests
{
    [Fact]
    public void ImportArticles_SampleIntoSqlite_EveryRowWithLineColumnAndReason_AgainIsUnchanged_DryRunWritesNothing()
    {
        using var temp = new TempDirectory();
        var store = "sqlite:" + temp.File("crm.db");
        var dry = Crm.Run("import", "articles", RepoPaths.Sample("import/articles.csv"), "--store", store, "--dry-run");

        var run = Crm.Run("import", "articles", RepoPaths.Sample("import/articles.csv"), "--store", store, "--lang", "zh-Hans");
        var again = Crm.Run("import", "articles", RepoPaths.Sample("import/articles.csv"), "--store", store);

        Assert.True(dry.ExitCode == 1, dry.ToString());
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("新增 6  更新 0  无变化 0", run.Out, StringComparison.Ordinal);
        Assert.Contains("拒绝 5  跳过 2", run.Out, StringComparison.Ordinal);
        Assert.Contains("articles.csv:11:5: 拒绝 [工单类型]", run.Out, StringComparison.Ordinal);
        Assert.Contains("“Bug”不是工单类型", run.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("inserted 0  updated 0  unchanged 6", again.Out, StringComparison.Ordinal);
        Assert.Contains("Import of knowledge articles from", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportArticles_HostTicketType_RejectedUnlessNamed_ThenExportedAndImportedIntoAFreshStore()
    {
        using var temp = new TempDirectory();
        var file = temp.File("installation.csv");
        File.WriteAllText(file, "文章编号,标题,正文,标签,工单类型\nKB-1,上门安装流程,预约工程师上门安装。,安装,Installation;故障\nKB-2,发票申请,在订单页申请开票。,发票,咨询\n");
        var store = "sqlite:" + temp.File("crm.db");

        var refused = Crm.Run("import", "articles", file, "--store", store);
        var accepted = Crm.Run("import", "articles", file, "--store", store, "--ticket-types", "Installation,Training");
        var export = Crm.Run("export", "articles", "--store", store, "--out", temp.File("articles.xlsx"), "--headers", "en");
        var copy = "sqlite:" + temp.File("copy.db");
        var again = Crm.Run("import", "articles", temp.File("articles.xlsx"), "--store", copy, "--ticket-types", "installation");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("installation.csv:2:5: rejected [工单类型]: 'Installation' is not a ticket type", refused.Out, StringComparison.Ordinal);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("inserted 1  updated 0  unchanged 1", accepted.Out, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal("Exported 2 knowledge article(s) to " + temp.File("articles.xlsx"), export.Out.Trim());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("inserted 2  updated 0  unchanged 0", again.Out, StringComparison.Ordinal);
        Assert.Contains("rejected 0", again.Out, StringComparison.Ordinal);
    }
}
