using Microsoft.Extensions.Logging;

namespace ClusterSip.Tests.Support;

/// <summary>
/// Keeps what is logged to it, level, formatted message and exception; also the factory of itself, for code that
/// asks for an <see cref="ILoggerFactory"/>. Safe to log to from several threads.
/// </summary>
public sealed class RecordingLogger : ILogger, ILoggerFactory
{
    private readonly List<(LogLevel Level, string Message, Exception? Error)> _entries = [];

    /// <summary>A snapshot of the entries so far.</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries) return _entries.Select(e => (e.Level, e.Message)).ToList();
        }
    }

    /// <summary>A snapshot of the entries so far, with the exception each was logged with.</summary>
    public IReadOnlyList<(LogLevel Level, string Message, Exception? Error)> EntriesWithErrors
    {
        get
        {
            lock (_entries) return _entries.ToList();
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries) _entries.Add((logLevel, formatter(state, exception), exception));
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
