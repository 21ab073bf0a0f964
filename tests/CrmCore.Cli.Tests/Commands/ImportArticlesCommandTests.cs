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
}
