using Akka.Actor;
using Akka.Configuration;
using ClusterSip.Node.Settings;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace ClusterSip.Node.Hosting;

/// <summary>What a started node offers its features.</summary>
/// <param name="Config">The ActorSystem's configuration.</param>
/// <param name="Metrics">Creates metrics exported on GET /metrics.</param>
public sealed record NodeContext(
    ActorSystem System,
    NodeSettings Settings,
    Config Config,
    ListenerRegistry Listeners,
    SingletonRegistry Singletons,
    IMetricFactory Metrics,
    ILoggerFactory LoggerFactory);
