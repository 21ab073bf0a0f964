using Microsoft.Extensions.Logging;

namespace CrmCore.Tests.Support;

/// <summary>A logger factory whose every logger keeps the warnings logged (event id, text, exception): for tests of what the library
/// logs. Shared by the test projects (linked from tests/Shared).</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
{
    private readonly List<(int EventId, string Message, Exception? Exception)> _entries = [];

    /// <summary>The warnings logged, with their event id and exception, in order.</summary>
    public IReadOnlyList<(int EventId, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The texts of the warnings logged, in order.</summary>
    public IReadOnlyList<string> Warnings => [.. Entries.Select(e => e.Message)];

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.Warning)
        {
            lock (_entries)
            {
                _entries.Add((eventId.Id, formatter(state, exception), exception));
            }
        }
    }
}
