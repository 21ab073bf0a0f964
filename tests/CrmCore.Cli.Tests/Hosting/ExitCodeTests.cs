using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Hosting;

/// <summary>Every exit code of the contract: 0 success, 1 invalid input or rules, 2 usage errors.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void Help_ExitsZero()
    {
        var run = Crm.Run("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("rules", run.Out, StringComparison.Ordinal);
        Assert.Contains("calendar", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("rules")]
    [InlineData("rules", "validate")]
    [InlineData("schema", "nonsense")]
    [InlineData("data", "check")]
    [InlineData("data", "check", "--customers", "samples/data/customers.csv", "--output", "xml")]
    [InlineData("data", "check", "--customers", "samples/data/customers.csv", "--format", "xlsx")]
    [InlineData("rules", "test", "r.json", "--customers", "c.csv", "--now", "yesterday")]
    [InlineData("schema", "customers", "--lang", "klingon")]
    [InlineData("tag", "r.json", "--customers", "c.csv")]
    public void UsageErrors_ExitTwo(params string[] args)
    {
        var run = Crm.Run(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void MissingInputFile_ExitsOne()
    {
        var run = Crm.Run("data", "check", "--customers", "samples/data/nope.csv");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: file 'samples/data/nope.csv' was not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownInputExtension_ExitsOneAndNamesFormatOption()
    {
        var run = Crm.Run("data", "check", "--customers", "README.md");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--format", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadRows_ExitOne()
    {
        var run = Crm.Run("data", "check", "--customers", RepoPaths.Sample("bad/customers-bad.csv"));
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void CleanData_ExitsZero()
    {
        var run = Crm.Run("data", "check", "--customers", RepoPaths.Sample("customers.csv"));
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void UnexpectedFailure_ExitsOneWithInternalError()
    {
        var console = new TestConsole { Clock = new BrokenClock() };
        var run = Crm.Run(console, "rules", "test", "samples/data/rules/crm-rules.json", "--customers", "samples/data/customers.csv");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: internal error: clock unavailable", run.Error, StringComparison.Ordinal);
    }

    private sealed class BrokenClock : NodaTime.IClock
    {
        public NodaTime.Instant GetCurrentInstant() => throw new InvalidOperationException("clock unavailable");
    }
}
