using Akka.Cluster;

namespace ClusterSip.Node.Hosting;

/// <summary>Whether a node takes traffic: its member is Up and every registered listener is bound.</summary>
public sealed record NodeReadiness(bool Ready, string MemberStatus, IReadOnlyList<ListenerStatus> Listeners)
{
    public static NodeReadiness Of(Cluster cluster, ListenerRegistry listeners)
    {
        var status = cluster.IsTerminated ? Akka.Cluster.MemberStatus.Removed : cluster.SelfMember.Status;
        return new NodeReadiness(status == Akka.Cluster.MemberStatus.Up && listeners.AllBound, status.ToString(), listeners.Listeners);
    }
}
