using Akka.Actor;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClusterSip.Node.Hosting;

/// <summary>
/// Ties the ActorSystem's life to the host's. When the host stops (SIGTERM, Ctrl-C, a StopAsync)
/// this runs CoordinatedShutdown, so the node leaves the cluster before the management API closes;
/// when the ActorSystem ends by itself (the node was downed or told to leave) the host stops too.
/// </summary>
public sealed class ActorSystemShutdown(ActorSystem system, IHostApplicationLifetime lifetime, ILogger<ActorSystemShutdown> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        system.WhenTerminated.ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!system.WhenTerminated.IsCompleted) logger.LogInformation("stopping: leaving the cluster, then closing the management API");
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
        await system.WhenTerminated.WaitAsync(cancellationToken);
    }
}
