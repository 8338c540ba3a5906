using Akka.Actor;
using System.Diagnostics.Metrics;
using Akka.Configuration;
using ClusterSip.Node.Settings;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace ClusterSip.Node.Hosting;

/// <summary>What a started node offers its features.</summary>
/// <param name="Config">The ActorSystem's configuration.</param>
/// <param name="Metrics">Creates metrics exported on GET /metrics.</param>
/// <param name="Meters">Creates System.Diagnostics.Metrics meters; their instruments are exported on GET /metrics too.</param>
/// <param name="Statistics">Module statistics shown and reset through the management API.</param>
/// <param name="BlockedSources">Where the SIP feature shows the sources its pike blocks (GET /security/blocked).</param>
public sealed record NodeContext(
    ActorSystem System,
    NodeSettings Settings,
    Config Config,
    ListenerRegistry Listeners,
    SingletonRegistry Singletons,
    IMetricFactory Metrics,
    IMeterFactory Meters,
    StatisticsRegistry Statistics,
    BlockedSourcesRegistry BlockedSources,
    ILoggerFactory LoggerFactory);
