using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

public sealed class ImportAssetsCommandTests
{
    [Fact]
    public void ImportAssets_SampleIntoSqlite_EveryRowWithLineColumnAndReason_AgainIsUnchanged()
    {
        using var temp = new TempDirectory();
        var store = "sqlite:" + temp.File("crm.db");

        var run = Crm.Run("import", "assets", RepoPaths.Sample("import/assets.csv"), "--store", store, "--lang", "zh-Hans");
        var again = Crm.Run("import", "assets", RepoPaths.Sample("import/assets.csv"), "--store", store);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("新增 4  更新 0  无变化 0", run.Out, StringComparison.Ordinal);
        Assert.Contains("拒绝 6  跳过 2", run.Out, StringComparison.Ordinal);
        Assert.Contains("assets.csv:8:3: 拒绝 （资产 POS-2） [序列号]", run.Out, StringComparison.Ordinal);
        Assert.Contains("序列号 T2-0009 已属于资产 POS-1", run.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("inserted 0  updated 0  unchanged 4", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportAssets_NoHeader_FailsNamingTheFile()
    {
        using var temp = new TempDirectory();
        var file = temp.File("x.csv");
        File.WriteAllText(file, "a,b\n1,2\n");

        var run = Crm.Run("import", "assets", file, "--store", "memory");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("x.csv", run.Error, StringComparison.Ordinal);
        Assert.Contains("no header row", run.Error, StringComparison.Ordinal);
    }
}
