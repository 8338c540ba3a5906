using Akka.Actor;
using ClusterSip.Node.Hosting;
using ClusterSip.Node.Persistence;
using ClusterSip.Node.RouteEvents;
using ClusterSip.Registrar;
using ClusterSip.Registrar.Auth;
using ClusterSip.Registrar.Location;
using ClusterSip.Registrar.Sharding;

namespace ClusterSip.Node.Registrar;

/// <summary>
/// The registrar and location service (cluster-sip.registrar, cluster-sip.auth): the sharded address-of-record
/// actors, the digest authenticator, and the usrloc and registrar statistics; bindings added or refreshed raise REGISTER
/// on the node's route event bus. Starts before the SIP stack, whose route script uses it.
/// </summary>
public sealed class RegistrarFeature : INodeFeature
{
    public string Name => "registrar and location service";

    public async Task StartAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings.Registrar;
        var log = context.LoggerFactory.CreateLogger<RegistrarFeature>();
        if (!settings.Enabled)
        {
            log.LogInformation("cluster-sip.registrar.domains is empty: the registrar is off");
            return;
        }

        if (settings.Auth.Enabled && settings.RandomSecret)
            log.LogWarning("cluster-sip.auth.secret is empty: a phone moving to another node gets a plain 401 there, not 401 stale=true; set one secret on every node");

        var usrloc = new UsrlocStatistics();
        var statistics = new RegistrarStatistics();
        var location = LocationService.Start(context.System, settings.Policy, usrloc, settings.Location);
        var authenticator = new DigestAuthenticator(settings.Auth);
        if (settings.CredentialTable is { } table)
        {
            var reloader = new CredentialReloader(new CredentialTable(DatabaseConnections.For(context.Settings.Persistence), table.Table),
                authenticator.Credentials, table.Table, table.Reload, log);
            await reloader.StartAsync(cancellationToken);
            CoordinatedShutdown.Get(context.System).AddTask(CoordinatedShutdown.PhaseServiceStop, "credentials-table", reloader.StopAsync);
        }

        var registrar = new SipRegistrar(settings.Policy, location, settings.Auth.Enabled ? authenticator : null, statistics, NodeRouteEvents.Of(context.System));
        new RegistrarServices(settings, location, registrar, authenticator, statistics, usrloc).AttachTo(context.System);

        context.Statistics.Register(new StatisticsGroup("usrloc", usrloc.Snapshot, usrloc.ResetExpired));
        context.Statistics.Register(new StatisticsGroup("registrar", statistics.Snapshot, statistics.Reset));
        RegistrarMetrics.Register(context.Meters, usrloc, statistics);
        log.LogInformation("registrar serves {Domains} (auth {Auth})", string.Join(", ", settings.Policy.Domains), settings.Auth.Enabled ? "on" : "off");
    }
}
