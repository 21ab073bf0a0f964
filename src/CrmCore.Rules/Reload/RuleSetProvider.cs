using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmCore.Rules.Reload;

/// <summary>
/// The default <see cref="IRuleSetProvider"/>: loads from sources or files, publishes an immutable <see cref="RuleSetVersion"/>
/// with a volatile write on success, keeps the previous version on failure, never lets a reload that started earlier replace
/// one that started later (the newest content wins; the older result is returned but not published), and reports every problem through
/// <see cref="ReloadFailed"/> and the logger. Every rule set it publishes logs each rule that fails at run time
/// (<see cref="RuleSet.RuleFailed"/>) as a warning (event id 3005): the rule file's position when known, the rule and the cause in plain
/// words (<see cref="RuleFailure.Describe"/>), with the exception. Publishing is serialized; reads are lock-free. Thread-safe.
/// </summary>
public sealed partial class RuleSetProvider : IRuleSetProvider
{
    private readonly Lock _reloadLock = new();
    private readonly ILogger _logger;
    private readonly RuleLoadOptions _options;
    private RuleSetVersion? _current;
    private long _started;
    private long _finished;

    /// <summary>Creates a provider with nothing loaded yet.</summary>
    /// <param name="options">Load options; <see cref="RuleLoadOptions.Default"/> when null.</param>
    /// <param name="logger">A logger; none when null.</param>
    public RuleSetProvider(RuleLoadOptions? options = null, ILogger<RuleSetProvider>? logger = null)
    {
        _options = options ?? RuleLoadOptions.Default;
        _options.Validate();
        _logger = logger ?? NullLogger<RuleSetProvider>.Instance;
    }

    /// <inheritdoc />
    public RuleSetVersion? Current => Volatile.Read(ref _current);

    /// <inheritdoc />
    public event EventHandler<RuleSetReloadedEventArgs>? Reloaded;

    /// <inheritdoc />
    public event EventHandler<RuleSetReloadFailedEventArgs>? ReloadFailed;

    /// <inheritdoc />
    public RuleLoadResult Reload(IEnumerable<RuleSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var ticket = Interlocked.Increment(ref _started);
        var list = sources.ToList();
        return Publish(RuleLoader.Load(list, _options), list.Select(s => s.Name).ToArray(), ticket);
    }

    /// <inheritdoc />
    public RuleLoadResult ReloadFromFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var ticket = Interlocked.Increment(ref _started);
        var list = paths.ToList();
        return Publish(RuleLoader.LoadFiles(list, _options), list, ticket);
    }

    private RuleLoadResult Publish(RuleLoadResult result, IReadOnlyList<string> names, long ticket)
    {
        RuleSetVersion? previous;
        RuleSetVersion? next = null;
        var superseded = false;
        lock (_reloadLock)
        {
            previous = _current;

            // Loads run in parallel; the one that started last wins. A slow reload that finishes after a newer one (published
            // or failed) must not replace what the newer one left in service.
            superseded = ticket < _finished;
            _finished = Math.Max(_finished, ticket);
            if (result.RuleSet is { } set && !superseded)
            {
                // Before it is in service: no failure of the set goes unlogged.
                set.RuleFailed += OnRuleFailed;
                next = new RuleSetVersion(set, (previous?.Number ?? 0) + 1, result.ContentHash, names);
                Volatile.Write(ref _current, next);
            }
        }

        if (superseded)
        {
            LogSuperseded(_logger, ticket, previous?.Number ?? 0);
        }
        else if (next is not null)
        {
            LogReloaded(_logger, next.Number, next.ContentHash, result.Warnings.Count());
            foreach (var w in result.Warnings)
            {
                LogDiagnostic(_logger, LogLevel.Warning, w.ToString());
            }

            Reloaded?.Invoke(this, new RuleSetReloadedEventArgs(previous, next));
        }
        else
        {
            LogFailed(_logger, result.Errors.Count(), previous?.Number ?? 0);
            foreach (var d in result.Diagnostics)
            {
                LogDiagnostic(_logger, d.IsError ? LogLevel.Error : LogLevel.Warning, d.ToString());
            }

            ReloadFailed?.Invoke(this, new RuleSetReloadFailedEventArgs(result.Diagnostics, previous));
        }

        return result;
    }

    private void OnRuleFailed(object? sender, RuleFailedEventArgs e) =>
        LogRuleFailed(_logger, e.Failure.Describe(CrmCore.Localization.TextCultures.English), e.Exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "{Failure}")]
    private static partial void LogRuleFailed(ILogger logger, string failure, Exception exception);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Rules version {Number} published (sha256 {Hash}, {Warnings} warnings)")]
    private static partial void LogReloaded(ILogger logger, int number, string hash, int warnings);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Rules reload failed with {Errors} errors; version {Number} stays in service")]
    private static partial void LogFailed(ILogger logger, int errors, int number);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Rules reload {Ticket} finished after a newer reload; version {Number} stays in service")]
    private static partial void LogSuperseded(ILogger logger, long ticket, int number);

    [LoggerMessage(EventId = 3003, Message = "{Diagnostic}")]
    private static partial void LogDiagnostic(ILogger logger, LogLevel level, string diagnostic);
}
