using System.Collections.Frozen;
using System.Net;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// Addresses the pike never limits besides its configured trusted networks: the other nodes of the cluster, replaced
/// whole as membership changes. Read on every receive thread without a lock (one volatile read of a frozen set).
/// </summary>
public sealed class TrustedPeers
{
    private FrozenSet<IPAddress> _addresses = FrozenSet<IPAddress>.Empty;

    public IReadOnlyCollection<IPAddress> Addresses => Volatile.Read(ref _addresses);

    public void Replace(IEnumerable<IPAddress> addresses) =>
        Volatile.Write(ref _addresses, addresses.Select(Normal).ToFrozenSet());

    public bool Contains(IPAddress address)
    {
        var addresses = Volatile.Read(ref _addresses);
        return addresses.Count > 0 && addresses.Contains(Normal(address));
    }

    // A dual-stack socket reports IPv4 sources as ::ffff:a.b.c.d.
    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
