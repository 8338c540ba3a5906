namespace ClusterSip.InteractionProxy.Clusters;

/// <summary>A message for the client cluster actor of <see cref="ClusterId"/>, wherever sharding placed it.</summary>
public interface IClientClusterMessage
{
    string ClusterId { get; }
}

/// <summary>
/// A session (re)registered for <paramref name="NodeId"/>; answered with SessionJoined. On a reset with
/// <paramref name="WantSnapshot"/>, the answer holds the node's interactions.
/// </summary>
public sealed record JoinCluster(string ClusterId, string NodeId, string SessionId, long Epoch, bool Reset, bool WantSnapshot) : IClientClusterMessage;

/// <summary>The node's session lost its connection: its interactions move unless it is back within the disconnect grace.</summary>
public sealed record SessionDisconnected(string ClusterId, string NodeId, string SessionId) : IClientClusterMessage;

/// <summary>The node's session is gone (timed out, or it no longer knows the cluster): its interactions move now.</summary>
public sealed record SessionEnded(string ClusterId, string NodeId, string SessionId) : IClientClusterMessage;

/// <summary>Asks for a <see cref="ClientClusterInfo"/>.</summary>
public sealed record GetClientClusterInfo(string ClusterId) : IClientClusterMessage;

/// <param name="Ready">Whether the cluster has its starting snapshot from every callstore group.</param>
/// <param name="ActiveInteractions">Active interactions known to the cluster; those without a node wait for one.</param>
public sealed record ClientClusterInfo(string ClusterId, bool Ready, int ActiveInteractions, IReadOnlyList<ClientNodeInfo> Nodes);

/// <param name="Interactions">Active interactions assigned to the node.</param>
public sealed record ClientNodeInfo(string NodeId, string SessionId, bool Connected, int Interactions);
