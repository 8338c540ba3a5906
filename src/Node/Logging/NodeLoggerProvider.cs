using Microsoft.Extensions.Logging;

namespace ClusterSip.Node.Logging;

/// <summary>ASP.NET Core logging through the node's <see cref="LogSink"/>, in the same line format as Akka's.</summary>
public sealed class NodeLoggerProvider(LogSink sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new NodeLogger(sink, categoryName);

    public void Dispose()
    {
    }

    private sealed class NodeLogger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            sink.Write(DateTimeOffset.UtcNow, LevelOf(logLevel), category, formatter(state, exception), exception);
        }

        private static string LevelOf(LogLevel level) => level switch
        {
            LogLevel.Trace or LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warning",
            _ => "error",
        };
    }
}
