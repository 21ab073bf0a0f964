using CrmCore.Agents;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Reload;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmCore.Rules.Integration;

/// <summary>
/// Runs <see cref="RoutingNamesCheck"/> on the rule set in service when created and again whenever the provider publishes a new
/// version, against the teams and agents the host has registered at that moment. Every finding is logged as a warning and kept in
/// <see cref="Findings"/>; <see cref="Checked"/> fires after each check. Call <see cref="Recheck"/> after registering teams or agents.
/// Dispose to stop listening. Thread-safe.
/// </summary>
public sealed partial class RoutingNamesMonitor : IDisposable
{
    private readonly IRuleSetProvider _provider;
    private readonly Func<IEnumerable<TeamId>> _teams;
    private readonly Func<IEnumerable<Agent>> _agents;
    private readonly ILogger _logger;
    private IReadOnlyList<RuleDiagnostic> _findings = [];

    /// <summary>Creates the monitor and checks the current rule set, if any.</summary>
    /// <param name="provider">The rule set provider to follow.</param>
    /// <param name="teams">Returns the registered teams (read at every check).</param>
    /// <param name="agents">Returns the registered agents (read at every check).</param>
    /// <param name="logger">A logger; none when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/>, <paramref name="teams"/> or <paramref name="agents"/> is null.</exception>
    public RoutingNamesMonitor(IRuleSetProvider provider, Func<IEnumerable<TeamId>> teams, Func<IEnumerable<Agent>> agents, ILogger<RoutingNamesMonitor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(agents);
        _provider = provider;
        _teams = teams;
        _agents = agents;
        _logger = logger ?? NullLogger<RoutingNamesMonitor>.Instance;
        _provider.Reloaded += OnReloaded;
        Recheck();
    }

    /// <summary>The findings of the last check (empty before any rule set is published or when every name is known).</summary>
    public IReadOnlyList<RuleDiagnostic> Findings => Volatile.Read(ref _findings);

    /// <summary>Raised after each check with its findings (also when there are none).</summary>
    public event EventHandler<IReadOnlyList<RuleDiagnostic>>? Checked;

    /// <summary>Checks the rule set in service again, e.g. after the host registered teams or agents.</summary>
    /// <returns>The findings.</returns>
    public IReadOnlyList<RuleDiagnostic> Recheck() => Run(_provider.Current);

    /// <inheritdoc />
    public void Dispose() => _provider.Reloaded -= OnReloaded;

    private void OnReloaded(object? sender, RuleSetReloadedEventArgs e) => Run(e.Current);

    private IReadOnlyList<RuleDiagnostic> Run(RuleSetVersion? version)
    {
        if (version is null)
        {
            return [];
        }

        var findings = RoutingNamesCheck.Check(version.RuleSet, _teams(), _agents());
        Volatile.Write(ref _findings, findings);
        foreach (var f in findings)
        {
            LogFinding(_logger, version.Number, f.ToString());
        }

        Checked?.Invoke(this, findings);
        return findings;
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Rules version {Number}: {Diagnostic}")]
    private static partial void LogFinding(ILogger logger, int number, string diagnostic);
}
