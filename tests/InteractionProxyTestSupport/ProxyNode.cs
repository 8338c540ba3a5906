using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.DistributedData;
using ClusterSip.CallEvents;
using ClusterSip.InteractionProxy.Clusters;
using ClusterSip.InteractionProxy.Server;
using ClusterSip.InteractionProxy.Sessions;

namespace ClusterSip.InteractionProxy.Tests.Support;

/// <summary>A cluster member running the proxy server on 127.0.0.1 and an ephemeral port.</summary>
public sealed class ProxyNode : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static Config Config { get; } = ConfigurationFactory.ParseString("""
            akka {
              loglevel = INFO
              actor.provider = cluster
              remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
              cluster.pub-sub.gossip-interval = 200ms
            }
            """)
        .WithFallback(CallEventsSerializer.Config)
        .WithFallback(ClusterSharding.DefaultConfig())
        .WithFallback(ClusterSingleton.DefaultConfig())
        .WithFallback(DistributedPubSub.DefaultConfig())
        .WithFallback(DistributedData.DefaultConfig());

    private readonly bool _ownsSystem;

    private ProxyNode(ActorSystem system, ProxyServer server, ProxyStatistics statistics, bool ownsSystem)
    {
        System = system;
        Server = server;
        Statistics = statistics;
        _ownsSystem = ownsSystem;
    }

    public ActorSystem System { get; }

    public ProxyServer Server { get; }

    public ProxyStatistics Statistics { get; }

    public IPEndPoint EndPoint => Server.EndPoint;

    public static ProxySettings Settings(Func<ProxySettings, ProxySettings>? change = null)
    {
        var settings = new ProxySettings(
            new IPEndPoint(IPAddress.Loopback, 0),
            CacheMaxEvents: 1000,
            CacheMaxAge: TimeSpan.FromMinutes(10),
            CacheMaxTotalEvents: 1_000_000,
            SessionTimeout: TimeSpan.FromMinutes(1),
            DisconnectGrace: TimeSpan.FromSeconds(1),
            MaxLineBytes: 4096,
            SendQueue: 256,
            Secrets: new Dictionary<string, string>());
        return change is null ? settings : change(settings);
    }

    /// <summary>Joins <paramref name="system"/> to <paramref name="seed"/> (itself when null), waits until it is Up, starts the proxy.</summary>
    public static async Task<ProxyNode> StartAsync(ActorSystem system, CallstoreGroups callstore, ProxySettings settings, Address? seed = null, bool ownsSystem = false)
    {
        var cluster = Cluster.Get(system);
        await cluster.JoinAsync(seed ?? cluster.SelfAddress).WaitAsync(Bound);
        var statistics = new ProxyStatistics();
        var server = await ProxyServer.StartAsync(system, settings, callstore, statistics);
        return new ProxyNode(system, server, statistics, ownsSystem);
    }

    public static ActorSystem NewSystem(string name) => ActorSystem.Create(name, Config);

    public Task<ClientClusterInfo> ClusterInfoAsync(string clusterId) =>
        Server.Clusters.Ask<ClientClusterInfo>(new GetClientClusterInfo(clusterId), Bound);

    public Task<SessionInfo> SessionAsync(string sessionId) =>
        Server.Sessions.Ask<SessionInfo>(new GetSessionInfo(sessionId), Bound);

    /// <summary>Waits until the client cluster counts the node (with its interactions), so events after this reach it.</summary>
    public Task AwaitNodeAsync(string clusterId, string nodeId, Func<ClientNodeInfo, bool>? holds = null) =>
        Until.True(async () =>
        {
            var info = await ClusterInfoAsync(clusterId);
            return info.Ready && info.Nodes.Any(n => n.NodeId == nodeId && (holds?.Invoke(n) ?? true));
        }, $"client cluster {clusterId} to count node {nodeId}");

    public async ValueTask DisposeAsync()
    {
        await Server.UnbindAsync();
        if (_ownsSystem) await System.Terminate().WaitAsync(Bound);
        Statistics.Dispose();
    }
}
