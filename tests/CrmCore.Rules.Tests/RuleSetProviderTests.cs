using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Reload;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCore.Rules.Tests;

public class RuleSetProviderTests
{
    private static RuleSource Tiers(string tier) => RuleSource.FromText(tier + ".json", TestFacts.Workflow("Tiering", ("all", "customer.AnnualRevenue >= 0", tier)));

    [Fact]
    public void Reload_Success_PublishesNewVersionAndRaisesEvent()
    {
        var provider = new RuleSetProvider();
        RuleSetReloadedEventArgs? seen = null;
        provider.Reloaded += (_, e) => seen = e;

        provider.Reload([Tiers("X")]);
        provider.Reload([Tiers("Y")]);

        Assert.Equal(2, provider.Current!.Number);
        Assert.Equal("Y", provider.Current.RuleSet.EvaluateCustomer(TestFacts.Customer(1)).Tier);
        Assert.Equal(1, seen!.Previous!.Number);
        Assert.Equal(provider.Current.ContentHash, provider.Current.RuleSet.ContentHash);
    }

    [Fact]
    public void Reload_Failure_KeepsPreviousAndReportsEveryError()
    {
        var provider = new RuleSetProvider();
        provider.Reload([Tiers("X")]);
        var before = provider.Current;
        RuleSetReloadFailedEventArgs? failed = null;
        provider.ReloadFailed += (_, e) => failed = e;

        var result = provider.Reload([RuleSource.FromText("bad.json", TestFacts.Workflow("Tiering", ("a", "customer.Nope", "X"), ("b", "\"\".GetType() != null", "Y")))]);

        Assert.False(result.Success);
        Assert.Same(before, provider.Current);
        Assert.Equal(2, failed!.Diagnostics.Count(d => d.IsError));
        Assert.Same(before, failed.Current);
    }

    [Fact]
    public async Task Current_ConcurrentReadersDuringReloads_AlwaysSeeACompleteVersion()
    {
        var provider = new RuleSetProvider();
        var sources = new[] { Tiers("X"), Tiers("Y") };
        var expected = sources.ToDictionary(s => RuleLoader.Load([s]).ContentHash, s => s.Name[..1]);
        provider.Reload([sources[0]]);
        var facts = TestFacts.Customer(5);
        var mismatches = 0;

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var v = provider.Current!;
                if (v.RuleSet.EvaluateCustomer(facts).Tier != expected[v.ContentHash] || v.RuleSet.ContentHash != v.ContentHash)
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        })).ToArray();
        for (var i = 0; i < 40; i++)
        {
            provider.Reload([sources[i % 2]]);
        }

        await Task.WhenAll(readers);
        Assert.Equal(0, mismatches);
        Assert.Equal(41, provider.Current!.Number);
    }

    [Fact]
    public void ReloadFromFiles_MissingFile_ReportedNotThrown()
    {
        var result = new RuleSetProvider().ReloadFromFiles(["/nonexistent/rules.json"]);
        Assert.Equal(RuleDiagnosticCodes.FileUnreadable, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void AddCrmRules_Default_ServesDefaultPack()
    {
        using var sp = new ServiceCollection().AddCrmRules().BuildServiceProvider();
        var provider = sp.GetRequiredService<IRuleSetProvider>();
        Assert.Equal("A", provider.Current!.RuleSet.EvaluateCustomer(TestFacts.Customer(600_000)).Tier);
    }

    [Fact]
    public void AddCrmRules_BadFile_ResolvingThrowsCrmException()
    {
        using var sp = new ServiceCollection().AddCrmRules(o => o.RuleFiles.Add("/nonexistent/rules.json")).BuildServiceProvider();
        var ex = Assert.Throws<CrmException>(() => sp.GetRequiredService<IRuleSetProvider>());
        Assert.Contains("CRM040", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCrmRules_BadFile_FailsAtStartWithItsErrors()
    {
        using var sp = new ServiceCollection().AddCrmRules(o => o.RuleFiles.Add("/nonexistent/rules.json")).BuildServiceProvider();

        // What a generic host runs before it starts: nothing has resolved the provider yet.
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => sp.GetRequiredService<Microsoft.Extensions.Options.IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));

        Assert.StartsWith("Rule files did not load:", Assert.Single(ex.Failures), StringComparison.Ordinal);
        Assert.Contains("CRM040", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCrmRules_DefaultPack_PassesTheStartCheck()
    {
        using var sp = new ServiceCollection().AddCrmRules().BuildServiceProvider();

        await sp.GetRequiredService<Microsoft.Extensions.Options.IAsyncStartupValidator>().ValidateAsync(CancellationToken.None);
        Assert.NotNull(sp.GetRequiredService<IRuleSetProvider>().Current);
    }

    [Fact]
    public void AddCrmRules_InvalidOptions_ThrowsAtOnce()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddCrmRules(o => o.LoadOptions = RuleLoadOptions.Default with { MaxExpressionNodes = 0 }));
}

public class RuleSetProviderLoggingTests
{
    [Fact]
    public void Reload_Failure_LogsEveryErrorWithItsPlace()
    {
        var logger = new ListLogger();
        var provider = new RuleSetProvider(logger: logger);

        provider.Reload([RuleSource.FromText("bad.json", TestFacts.Workflow("Tagging", ("a", "customer.Nope", "x"), ("b", "Environment.Exit(0)", "y")))]);

        Assert.Contains(logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("2 errors", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Message.Contains("bad.json(1,", StringComparison.Ordinal) && e.Message.Contains("CRM051", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Message.Contains("CRM030", StringComparison.Ordinal));
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<RuleSetProvider>
    {
        public List<(Microsoft.Extensions.Logging.LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Entries.Add((logLevel, formatter(state, exception)));
    }
}
