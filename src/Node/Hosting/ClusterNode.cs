using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Cluster;
using ClusterSip.Node.Configuration;
using ClusterSip.Node.Logging;
using ClusterSip.Node.Management;
using ClusterSip.Node.Persistence;
using ClusterSip.Node.Settings;
using Prometheus;

namespace ClusterSip.Node.Hosting;

/// <summary>
/// A running node: the ActorSystem (cluster member), the management API and the features, started
/// from a validated configuration. The executable and the multi-node tests start nodes through
/// <see cref="StartAsync"/>. The node stops on SIGTERM or Ctrl-C, on <see cref="StopAsync"/>, or
/// when the cluster downs it or it is told to leave; it leaves the cluster before it stops.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(60);

    private readonly WebApplication _app;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly LogSink _sink;

    private ClusterNode(WebApplication app, LogSink sink, ActorSystem system, NodeSettings settings, ListenerRegistry listeners, SingletonRegistry singletons, Uri managementUri)
    {
        _app = app;
        _lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        _sink = sink;
        ActorSystem = system;
        Settings = settings;
        Listeners = listeners;
        Singletons = singletons;
        ManagementUri = managementUri;
        Completion = RunUntilStoppedAsync();
    }

    public ActorSystem ActorSystem { get; }

    public NodeSettings Settings { get; }

    public ListenerRegistry Listeners { get; }

    public SingletonRegistry Singletons { get; }

    /// <summary>Where the management API listens, e.g. http://127.0.0.1:8558/.</summary>
    public Uri ManagementUri { get; }

    public Address SelfAddress => Cluster.Get(ActorSystem).SelfAddress;

    /// <summary>Completes once the node has left, its ActorSystem has terminated and the API has closed.</summary>
    public Task Completion { get; }

    /// <summary>Why CoordinatedShutdown ran, once it has.</summary>
    public CoordinatedShutdown.Reason? ShutdownReason => CoordinatedShutdown.Get(ActorSystem).ShutdownReason;

    /// <param name="features">Started in order once the API is up; see <see cref="NodeFeatures.All"/>.</param>
    /// <param name="logOutput">Where log lines go (the console for the executable).</param>
    public static async Task<ClusterNode> StartAsync(
        NodeConfiguration configuration, IReadOnlyList<INodeFeature> features, TextWriter logOutput, CancellationToken cancellationToken)
    {
        var settings = configuration.Settings;
        Directory.CreateDirectory(settings.DataDir);
        SqliteWal.Enable(settings.Persistence);
        var sink = new LogSink(logOutput) { Node = $"{settings.Cluster.SystemName}@{settings.Cluster.RemotingHost}:{settings.Cluster.RemotingPort}" };
        ActorSystem? system = null;
        WebApplication? app = null;
        try
        {
            var akkaConfig = AkkaConfig.Build(configuration);
            var setup = BootstrapSetup.Create().WithConfig(akkaConfig).And(new LogSinkSetup(sink));
            if (SqlitePragmas.PersistenceSetup(settings.Persistence) is { } pragmas) setup = setup.And(pragmas);
            system = ActorSystem.Create(settings.Cluster.SystemName, setup);
            var cluster = Cluster.Get(system);
            sink.Node = MemberAddress.Short(cluster.SelfAddress);

            var metrics = global::Prometheus.Metrics.NewCustomRegistry();
            app = BuildApi(settings, system, cluster, sink, metrics);
            var listeners = app.Services.GetRequiredService<ListenerRegistry>();
            var singletons = app.Services.GetRequiredService<SingletonRegistry>();
            var meters = app.Services.GetRequiredService<IMeterFactory>();
            ExportMeters(app, meters, metrics);
            var log = app.Services.GetRequiredService<ILogger<ClusterNode>>();
            ClusterMetrics.Register(metrics, cluster, listeners);

            if (settings.Management.Token is null)
                log.LogWarning("cluster-sip.management.token is empty: the management API is unauthenticated and bound to {Address} only{Override}",
                    settings.Management.BindAddress, settings.Management.IsForcedToLoopback ? $" instead of {settings.Management.Host}" : "");

            var managementUri = new Uri($"http://{FormatHost(settings.Management.BindAddress)}:{settings.Management.Port}/");
            listeners.Register("management", managementUri.ToString());
            await app.StartAsync(cancellationToken);
            listeners.MarkBound("management", managementUri.ToString());

            var node = new ClusterNode(app, sink, system, settings, listeners, singletons, managementUri);
            log.LogInformation("remoting listening on {Address} (roles: {Roles})", cluster.SelfAddress, settings.Cluster.Roles.Count == 0 ? "none" : string.Join(", ", settings.Cluster.Roles));
            LogConfiguredEndpoints(log, settings);
            // Before joining: a node still waiting for its database takes no part in the cluster.
            await PersistenceSchema.CreateAsync(system, settings.Persistence, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PersistenceSchema)), cancellationToken);
            Join(cluster, settings.Cluster, log);

            var context = new NodeContext(system, settings, akkaConfig, listeners, singletons, global::Prometheus.Metrics.WithCustomRegistry(metrics),
                meters, app.Services.GetRequiredService<StatisticsRegistry>(), app.Services.GetRequiredService<BlockedSourcesRegistry>(),
                app.Services.GetRequiredService<ILoggerFactory>());
            foreach (var feature in features)
            {
                log.LogInformation("starting {Feature}", feature.Name);
                await feature.StartAsync(context, cancellationToken);
            }

            listeners.Complete();
            return node;
        }
        catch
        {
            if (app is not null) await app.DisposeAsync();
            // Leaves the cluster if the node had joined it, so the others need not detect a crash.
            if (system is not null) await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
            await sink.DisposeAsync();
            throw;
        }
    }

    /// <summary>Leaves the cluster and stops; completes with <see cref="Completion"/>.</summary>
    public Task StopAsync()
    {
        if (!Completion.IsCompleted) _lifetime.StopApplication();
        return Completion;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static WebApplication BuildApi(NodeSettings settings, ActorSystem system, Cluster cluster, LogSink sink, CollectorRegistry metrics)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ClusterNode).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(settings.Management.BindAddress, settings.Management.Port));
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.Logging
            .AddProvider(new NodeLoggerProvider(sink))
            .SetMinimumLevel(settings.Logging.Level)
            .AddFilter("Microsoft", level => level >= LogLevel.Warning && level >= settings.Logging.Level);
        builder.Services.AddSingleton(system);
        builder.Services.AddSingleton(cluster);
        builder.Services.AddSingleton<ListenerRegistry>();
        builder.Services.AddSingleton(new SingletonRegistry(system));
        builder.Services.AddSingleton<StatisticsRegistry>();
        builder.Services.AddSingleton<BlockedSourcesRegistry>();
        builder.Services.AddMetrics();
        builder.Services.AddHostedService<ActorSystemShutdown>();

        var app = builder.Build();
        ManagementApi.Map(app, settings.Management, settings.Presence, metrics);
        return app;
    }

    /// <summary>
    /// Exports the instruments of this node's meters (the features' System.Diagnostics.Metrics) on /metrics. Only meters
    /// created by this node's factory: several nodes in one process (the cluster tests) each export their own.
    /// </summary>
    private static void ExportMeters(WebApplication app, IMeterFactory meters, CollectorRegistry metrics)
    {
        var adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = metrics,
            MetricFactory = global::Prometheus.Metrics.WithCustomRegistry(metrics),
            InstrumentFilterPredicate = instrument =>
                ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name.StartsWith("ClusterSip.", StringComparison.Ordinal),
            // Counters of rare events (malformed messages) should not vanish from /metrics between occurrences;
            // one day is the longest prometheus-net allows.
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
        app.Lifetime.ApplicationStopped.Register(adapter.Dispose);
    }

    private static void Join(Cluster cluster, Settings.ClusterSettings settings, ILogger log)
    {
        switch (settings.Join)
        {
            case JoinMode.Self:
                log.LogInformation("joining itself to form a single-node cluster (cluster-sip.cluster.join = self)");
                cluster.Join(cluster.SelfAddress);
                break;
            case JoinMode.SeedNodes:
                log.LogInformation("joining through seed nodes {Seeds}", string.Join(", ", settings.SeedNodes));
                cluster.JoinSeedNodes(settings.SeedNodes);
                break;
            case JoinMode.Manual:
                log.LogInformation("waiting to be joined (cluster-sip.cluster.join = manual): POST /cluster/members");
                break;
        }
    }

    private static void LogConfiguredEndpoints(ILogger log, NodeSettings settings)
    {
        log.LogInformation("journal: {Provider} ({ConnectionString})", settings.Persistence.Provider.ToString().ToLowerInvariant(),
            SettingsSummary.MaskSecrets(settings.Persistence.ConnectionString));
    }

    private static string FormatHost(System.Net.IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    private async Task RunUntilStoppedAsync()
    {
        try
        {
            await _app.WaitForShutdownAsync();
            await ActorSystem.WhenTerminated;
            await _app.DisposeAsync();
        }
        finally
        {
            await _sink.DisposeAsync();
        }
    }
}
