using System.Net;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using ClusterSip.InteractionProxy.Clusters;
using ClusterSip.InteractionProxy.Sessions;

namespace ClusterSip.InteractionProxy.Server;

/// <summary>
/// The Interaction Proxy on one node: the shard regions of sessions and client clusters, and the TCP listener whose
/// connections register into them. <see cref="StartAsync"/> returns once the listener is bound.
/// </summary>
public sealed class ProxyServer
{
    private readonly Tcp.ServerBinding _binding;

    private ProxyServer(ActorSystem system, Tcp.ServerBinding binding, IActorRef sessions, IActorRef clusters)
    {
        System = system;
        _binding = binding;
        Sessions = sessions;
        Clusters = clusters;
    }

    public ActorSystem System { get; }

    /// <summary>The bound address (a configured port 0 becomes the real port).</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_binding.LocalAddress;

    /// <summary>The shard region of sessions (messages: <see cref="ISessionMessage"/>).</summary>
    public IActorRef Sessions { get; }

    /// <summary>The shard region of client clusters (messages: <see cref="IClientClusterMessage"/>).</summary>
    public IActorRef Clusters { get; }

    public static async Task<ProxyServer> StartAsync(ActorSystem system, ProxySettings settings, CallstoreGroups callstore, ProxyStatistics statistics)
    {
        var (sessions, clusters) = await ProxySharding.StartAsync(system, settings, callstore, statistics);
        var connections = system.ActorOf(Akka.Actor.Props.Create(() => new ConnectionSupervisor(settings, sessions, statistics)), "iproxy-connections");
        var binding = await system.TcpStream()
            .Bind(settings.EndPoint.Address.ToString(), settings.EndPoint.Port)
            .To(Sink.ForEach<Tcp.IncomingConnection>(connection => connections.Tell(connection)))
            .Run(system.Materializer());
        return new ProxyServer(system, binding, sessions, clusters);
    }

    /// <summary>Stops accepting connections; open ones go on until their clients or the node close them.</summary>
    public Task UnbindAsync() => _binding.Unbind();

    /// <summary>Parent of the connection actors; a connection that fails is stopped, never restarted.</summary>
    private sealed class ConnectionSupervisor : ReceiveActor
    {
        public ConnectionSupervisor(ProxySettings settings, IActorRef sessions, ProxyStatistics statistics) =>
            Receive<Tcp.IncomingConnection>(connection => Context.ActorOf(ConnectionActor.Props(connection, settings, sessions, statistics)));

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
    }
}
