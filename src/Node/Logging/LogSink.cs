using System.Threading.Channels;

namespace ClusterSip.Node.Logging;

/// <summary>
/// Writes log lines to the console from one background task, so that loggers (including the Akka
/// logger actor) never block on console output. Disposing drains what is queued.
/// </summary>
public sealed class LogSink : IAsyncDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public LogSink(TextWriter output)
    {
        _writer = Task.Run(async () =>
        {
            while (await _lines.Reader.WaitToReadAsync())
            {
                while (_lines.Reader.TryRead(out var line)) await output.WriteLineAsync(line);
                await output.FlushAsync();
            }
        });
    }

    /// <summary>The node's address in short form (system@host:port), set once remoting has bound.</summary>
    public string Node { get; set; } = "-";

    public void Write(DateTimeOffset timestamp, string level, string logger, string message, Exception? error) =>
        _lines.Writer.TryWrite(LogLine.Format(timestamp, level, Node, logger, message, error));

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _writer;
    }
}
