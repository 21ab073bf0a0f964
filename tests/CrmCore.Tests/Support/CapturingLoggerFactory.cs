using Microsoft.Extensions.Logging;

namespace CrmCore.Tests.Support;

/// <summary>A logger factory whose every logger keeps the warnings logged, as text: for tests of what the library logs.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
{
    public List<string> Warnings { get; } = [];

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
            lock (Warnings)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
