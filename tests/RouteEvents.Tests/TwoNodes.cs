using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Statistics;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.RouteEvents.Tests;

/// <summary>
/// Two ActorSystems in one cluster: A runs a SIP stack on a real UDP socket whose route script waits for route events
/// (<see cref="EventScript"/>), B only raises them. Shared by the tests of a class: the cluster forms once.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const string EventName = "PING";

    private SipTransportLayer _transport = null!;

    public ActorSystem A { get; private set; } = null!;

    public ActorSystem B { get; private set; } = null!;

    /// <summary>B's end of the bus, listening for no name itself: what it raises reaches A only through the cluster.</summary>
    public ClusterRouteEvents BusB { get; private set; } = null!;

    public ClusterRouteEvents BusA { get; private set; } = null!;

    public EventScript Script { get; private set; } = null!;

    public IPEndPoint Sip => _transport.GetLocalEndPoint(SipProtocol.Udp).Address;

    public async Task InitializeAsync()
    {
        A = ActorSystem.Create("route-events", Config());
        B = ActorSystem.Create("route-events", Config());
        var up = new TaskCompletionSource();
        Cluster.Get(B).RegisterOnMemberUp(() => up.TrySetResult());
        await Cluster.Get(A).JoinAsync(Cluster.Get(A).SelfAddress);
        await Cluster.Get(B).JoinAsync(Cluster.Get(A).SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));

        BusA = ClusterRouteEvents.Start(A, [EventName]);
        Script = new EventScript(BusA);
        BusB = ClusterRouteEvents.Start(B, []);
        await Eventually.Value(KnownTopicsOfB, topics => topics.Any(t => t.Contains(EventName)), "B learning of A's subscription", TimeSpan.FromSeconds(30));
        await Eventually.Value(() => Task.FromResult(BusB.Publishes(EventName)), on => on, "B publishing the name A listens for", TimeSpan.FromSeconds(30));

        _transport = new SipTransportLayer();
        var environment = ScriptedProxy.Environment(
            A, _transport, NodeConfDefaults.Tm, NodeConfDefaults.Routing, Script, new IpLiteralTargetResolver(), new TmStatistics());
        var layer = TransactionLayer.Start(A, environment);
        await _transport.StartAsync(
            NodeConfDefaults.Transport with { Listen = [new(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0))], UdpReceiveLoops = 1 },
            layer);
    }

    public async Task DisposeAsync()
    {
        await _transport.DisposeAsync();
        await Task.WhenAll(B.Terminate(), A.Terminate());
    }

    private async Task<IReadOnlyCollection<string>> KnownTopicsOfB() =>
        (await DistributedPubSub.Get(B).Mediator.Ask<CurrentTopics>(GetTopics.Instance, TimeSpan.FromSeconds(5))).Topics;

    /// <summary>The test's own settings over the repository's hocon/node.conf, so events cross with the node's serializers.</summary>
    public static Config Config() => ConfigurationFactory.ParseString("""
        akka {
          loglevel = WARNING
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          coordinated-shutdown { run-by-clr-shutdown-hook = off, exit-clr = off }
          cluster.pub-sub.gossip-interval = 200ms
        }
        """).WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(Repository.Path("hocon", "node.conf"))))
        .WithFallback(DistributedPubSub.DefaultConfig());
}
