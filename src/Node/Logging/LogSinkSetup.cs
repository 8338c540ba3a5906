using Akka.Actor.Setup;

namespace ClusterSip.Node.Logging;

/// <summary>Hands a node's <see cref="LogSink"/> to the Akka logger actor, which Akka creates by type name.</summary>
public sealed class LogSinkSetup(LogSink sink) : Setup
{
    public LogSink Sink { get; } = sink;
}
