namespace ClusterSip.Node.Hosting;

/// <summary>
/// A part of the product a node runs (SIP transports, the Interaction Proxy server, the callstore…).
/// The node starts each feature once the ActorSystem has started and the management API is up.
/// A feature that listens registers each listener with <see cref="NodeContext.Listeners"/> before it
/// binds and marks it bound once the socket is open, so readiness waits for it; it stops through
/// CoordinatedShutdown tasks of its own (phase service-unbind for listeners).
/// </summary>
public interface INodeFeature
{
    string Name { get; }

    Task StartAsync(NodeContext context, CancellationToken cancellationToken);
}
