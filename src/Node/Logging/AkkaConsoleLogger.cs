using Akka.Actor;
using Akka.Event;

namespace ClusterSip.Node.Logging;

/// <summary>The Akka logger (akka.loggers): writes Akka's log events through the node's <see cref="LogSink"/>.</summary>
public sealed class AkkaConsoleLogger : ReceiveActor
{
    public static string TypeName => $"{typeof(AkkaConsoleLogger).FullName}, {typeof(AkkaConsoleLogger).Assembly.GetName().Name}";

    public AkkaConsoleLogger()
    {
        var sink = Context.System.Settings.Setup.Get<LogSinkSetup>().Value?.Sink
            ?? throw new InvalidOperationException($"{nameof(LogSinkSetup)} missing from the ActorSystem setup");

        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => sink.Write(e.Timestamp, LevelOf(e.LogLevel()), e.LogSource, e.Message?.ToString() ?? "", e.Cause));
    }

    private static string LevelOf(Akka.Event.LogLevel level) => level switch
    {
        Akka.Event.LogLevel.DebugLevel => "debug",
        Akka.Event.LogLevel.InfoLevel => "info",
        Akka.Event.LogLevel.WarningLevel => "warning",
        _ => "error",
    };
}
