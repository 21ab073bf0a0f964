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

    [Fact]
    public void Process_RulesTestOnSamples_ChineseTiersAndTagsInUtf8()
    {
        var run = Crm.RunProcess(
            "rules", "test", "samples/data/rules/crm-rules.json", "--customers", "samples/data/customers.csv",
            "--now", "2026-03-01T09:00:00+08:00", "--lang", "zh-Hans");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("│ 高价值 │", run.Out, StringComparison.Ordinal);
        Assert.Contains("近期有投诉记录", run.Out, StringComparison.Ordinal);
        Assert.Contains("层级", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_CalendarAdd_PrintsDueLocalTime()
    {
        var run = Crm.RunProcess("calendar", "add", "samples/data/calendars/cn-standard.json", "--from", "2026-09-30T16:00", "--business", "4h");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("2026-10-08T11:00", run.Out.Trim());
    }

    [Fact]
    public void Process_ValidateMalformedRules_ExitsOne()
    {
        var run = Crm.RunProcess("rules", "validate", "tests/CrmCore.Cli.Tests/Golden/bad-expression.json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad-expression.json:5:67: error CRM051", run.Out, StringComparison.Ordinal);
    }
}
