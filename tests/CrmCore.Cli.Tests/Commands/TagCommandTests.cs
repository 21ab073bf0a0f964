using CrmCore.Cli.Input;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

public sealed class TagCommandTests : IDisposable
{
    private const string Rules = "samples/data/rules/crm-rules.json";
    private const string Now = "2026-03-01T09:00:00+08:00";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tag_WritesTierAndTagsAndEndsWithThroughput()
    {
        var output = _dir.File("tagged.csv");
        var run = Crm.Run("tag", Rules, "--customers", "samples/data/customers.csv", "--out", output, "--now", Now);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^30 customer\(s\) tagged in \d+\.\d\d s \(\d+ per second\); \d+ changed tier, \d+ changed tags; written to ", run.Out);
        var back = RowReader.Read(output, File.ReadAllText(output), InputFormat.Csv, InputSchemas.Customers, strict: true);
        Assert.True(back.IsClean);
        var first = back.Rows.Single(r => r.Row.Id == "C202401001").Row;
        Assert.Equal("高价值", first.Tier);
        Assert.Equal(["偏好电话沟通", "active"], first.Tags);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.tmp"));
    }

    [Fact]
    public void Tag_Twice_ChangesNothing()
    {
        var once = _dir.File("once.jsonl");
        var twice = _dir.File("twice.jsonl");
        Assert.Equal(0, Crm.Run("tag", Rules, "--customers", "samples/data/customers.csv", "--out", once, "--now", Now).ExitCode);
        var again = Crm.Run("tag", Rules, "--customers", once, "--out", twice, "--now", Now);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 changed tier, 0 changed tags", again.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(once), File.ReadAllText(twice));
    }

    [Fact]
    public void Tag_RedirectedOutput_HasNoProgressBar()
    {
        var run = Crm.Run("tag", Rules, "--customers", "samples/data/customers.jsonl", "--out", _dir.File("t.json"), "--now", Now);
        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Out.TrimEnd().Split('\n'));
        Assert.DoesNotContain("%", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_OnTerminal_ShowsProgress()
    {
        var console = new TestConsole { IsOutputRedirected = false };
        var run = Crm.Run(console, "tag", Rules, "--customers", "samples/data/customers.csv", "--out", _dir.File("t.csv"), "--now", Now);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Tagging customers", run.Out, StringComparison.Ordinal);
        Assert.Contains("100%", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_UnknownOutputExtension_ExitsOne()
    {
        var run = Crm.Run("tag", Rules, "--customers", "samples/data/customers.csv", "--out", _dir.File("t.xlsx"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(".xlsx", run.Error, StringComparison.Ordinal);
    }
}
