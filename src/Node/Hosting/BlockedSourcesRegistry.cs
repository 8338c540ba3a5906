using System.Net;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Node.Hosting;

/// <summary>
/// Where GET /security/blocked reads the sources the SIP transports' pike blocks, and the cluster peers it exempts;
/// none until the SIP feature starts.
/// </summary>
public sealed class BlockedSourcesRegistry
{
    private Func<IReadOnlyList<BlockedSource>> _source = () => [];
    private TrustedPeers _peers = new();

    public void Use(Func<IReadOnlyList<BlockedSource>> source, TrustedPeers peers)
    {
        Volatile.Write(ref _source, source);
        Volatile.Write(ref _peers, peers);
    }

    public IReadOnlyList<BlockedSource> Current() => Volatile.Read(ref _source)();

    public IReadOnlyCollection<IPAddress> ClusterPeers() => Volatile.Read(ref _peers).Addresses;
}
