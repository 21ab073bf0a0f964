using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.EndToEnd;

/// <summary>A few runs of the built crm.dll as a real process (slow: keep these few).</summary>
public sealed class ProcessTests
{
    [Fact]
    public void Process_DataCheckOnSamples_ExitsZeroWithUtf8Table()
    {
        var run = Crm.RunProcess("data", "check", "--customers", "samples/data/customers.csv", "--lang", "zh-Hans");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("行数", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_UsageError_ExitsTwo()
    {
        var run = Crm.RunProcess("rules", "--no-such-option");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_BadRows_ExitOneWithChineseLines()
    {
        var run = Crm.RunProcess("data", "check", "--customers", "samples/data/bad/customers-bad.csv");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'12万' is not valid", run.Error, StringComparison.Ordinal);
    }
}
